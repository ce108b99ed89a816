namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Checks one lookup result and dereferences the other.
public static unsafe class ChecksTheWrongLookup
{
    private static readonly HashMap<uint, ulong> Allowed = new(maxEntries: 64);
    private static readonly HashMap<uint, ulong> Seen = new(maxEntries: 64);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        uint key = ctx.IngressIfindex;
        ulong* allowed = Allowed.Lookup(key);
        ulong* seen = Seen.Lookup(key);
        if (allowed == null)
            return XdpAction.Drop;
        *seen += 1; // EBPF0016
        return XdpAction.Pass;
    }
}

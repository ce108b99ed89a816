namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Increments a hash map counter without a null check.
public static unsafe class DereferencesHashLookup
{
    private static readonly HashMap<uint, ulong> Counts = new(maxEntries: 256);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ulong* count = Counts.Lookup(ctx.IngressIfindex);
        *count += 1; // EBPF0016
        return XdpAction.Pass;
    }
}

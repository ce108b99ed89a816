namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Two lookups, each checked before use.
public static unsafe class ChecksTwoLookups
{
    private static readonly HashMap<uint, ulong> Allowed = new(maxEntries: 64);
    private static readonly HashMap<uint, ulong> Seen = new(maxEntries: 64);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        uint key = ctx.IngressIfindex;
        ulong* allowed = Allowed.Lookup(key);
        ulong* seen = Seen.Lookup(key);
        if (allowed == null || seen == null)
            return XdpAction.Drop;
        *seen += *allowed;
        return XdpAction.Pass;
    }
}

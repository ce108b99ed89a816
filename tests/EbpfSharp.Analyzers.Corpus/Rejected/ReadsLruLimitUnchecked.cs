namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Reads a per-source limit from an LRU map without a null check.
public static unsafe class ReadsLruLimitUnchecked
{
    private struct Limit
    {
        public ulong Packets;
        public ulong Bytes;
    }

    private static readonly LruHashMap<uint, Limit> Limits = new(maxEntries: 1024);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 34 > ctx.DataEnd)
            return XdpAction.Pass;
        Limit* limit = Limits.Lookup(*(uint*)(data + 26));
        return limit->Bytes < (ulong)ctx.Length ? XdpAction.Drop : XdpAction.Pass; // EBPF0016
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Remembers when each interface was last seen, per CPU.
public static unsafe class LruPerCpuLastSeen
{
    private static readonly LruPerCpuHashMap<uint, ulong> LastSeen = new(maxEntries: 64);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ulong now = Bpf.Jiffies64();
        ulong* seen = LastSeen.Lookup(ctx.IngressIfindex);
        if (seen == null)
            return LastSeen.Update(ctx.IngressIfindex, now) ? XdpAction.Pass : XdpAction.Aborted;
        *seen = now;
        return XdpAction.Pass;
    }
}

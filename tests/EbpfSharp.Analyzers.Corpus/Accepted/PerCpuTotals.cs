namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Per-CPU packet and byte totals; no atomics needed.
public static unsafe class PerCpuTotals
{
    private struct Totals
    {
        public ulong Packets;
        public ulong Bytes;
    }

    private static readonly PerCpuArrayMap<Totals> Stats = new(maxEntries: 1);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Totals* totals = Stats.Lookup(0);
        if (totals == null)
            return XdpAction.Aborted;
        totals->Packets++;
        totals->Bytes += (ulong)ctx.Length;
        return XdpAction.Pass;
    }
}

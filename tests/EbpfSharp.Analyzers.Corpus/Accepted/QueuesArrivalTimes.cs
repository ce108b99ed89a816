namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Pushes arrival times into a queue map and pops the oldest when full.
public static unsafe class QueuesArrivalTimes
{
    private static readonly QueueMap<ulong> Arrivals = new(maxEntries: 32);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ulong now = Bpf.KtimeGetNs();
        if (!Arrivals.Push(now))
        {
            Arrivals.TryPop(out ulong oldest);
            Arrivals.Push(now);
            return now - oldest < 1_000_000 ? XdpAction.Drop : XdpAction.Pass;
        }
        return XdpAction.Pass;
    }
}

using System.Threading;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Counts packets per receive queue, four queues folded together.
public static unsafe class QueueCounters
{
    private static readonly ArrayMap<ulong> Shared = new(maxEntries: 4);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        uint index = ctx.RxQueueIndex & 3;
        ulong* counter = Shared.Lookup(index);
        if (counter == null)
            return XdpAction.Pass;
        Interlocked.Increment(ref *counter);
        return XdpAction.Pass;
    }
}

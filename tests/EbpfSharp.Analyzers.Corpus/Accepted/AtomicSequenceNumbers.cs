using System.Threading;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Takes a sequence number with a fetching increment and compare-exchange.
public static unsafe class AtomicSequenceNumbers
{
    private static long Sequence;
    private static long Maximum;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        long mine = Interlocked.Increment(ref Sequence);
        long seen = Interlocked.CompareExchange(ref Maximum, mine, mine - 1);
        return seen == mine - 1 ? XdpAction.Pass : XdpAction.Tx;
    }
}

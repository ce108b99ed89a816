using System.Threading;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Swaps the last packet length into a global.
public static unsafe class ExchangesLastLength
{
    private static int LastLength;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int previous = Interlocked.Exchange(ref LastLength, ctx.Length);
        return previous == ctx.Length ? XdpAction.Drop : XdpAction.Pass;
    }
}

using System;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Takes the square root of the length.
public static unsafe class TakesSquareRoot
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        double root = Math.Sqrt(ctx.Length); // EBPF0009
        return root > 10 ? XdpAction.Pass : XdpAction.Drop;
    }
}

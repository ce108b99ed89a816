using System;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Keeps a length filter in a lambda.
public static unsafe class FiltersWithLambda
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Func<int, bool> isShort = length => length < 64; // EBPF0007
        return isShort(ctx.Length) ? XdpAction.Drop : XdpAction.Pass;
    }
}

using System;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A lambda that captures a local, so a closure class is allocated.
public static unsafe class CapturesInClosure
{
    private static int Apply(Func<int, int> transform, int value) => transform(value);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int headroom = 14;
        int payload = Apply(length => length - headroom, ctx.Length); // EBPF0007
        return payload > 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}

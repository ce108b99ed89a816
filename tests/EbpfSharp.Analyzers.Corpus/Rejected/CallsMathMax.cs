using System;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Uses Math.Max, which has no eBPF translation.
public static unsafe class CallsMathMax
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int length = Math.Max(ctx.Length, 60); // EBPF0012
        return length > 100 ? XdpAction.Pass : XdpAction.Drop;
    }
}

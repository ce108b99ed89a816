using System;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Throws on a frame shorter than an Ethernet header.
public static unsafe class ThrowsOnRunt
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (ctx.Length < 14)
            throw new InvalidOperationException("runt frame"); // EBPF0005
        return XdpAction.Pass;
    }
}

using System;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Reads Environment.TickCount64 instead of a clock helper.
public static unsafe class ReadsEnvironmentTicks
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        long now = Environment.TickCount64; // EBPF0012
        return (now & 1) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

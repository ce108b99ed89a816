using System.Runtime.CompilerServices;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A subprogram with six parameters.
public static unsafe class MixesSixWords
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint Mix(uint a, uint b, uint c, uint d, uint e, uint f) => a ^ b ^ c ^ d ^ e ^ f; // EBPF0021

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        uint length = (uint)ctx.Length;
        return Mix(length, 1, 2, 3, 4, ctx.IngressIfindex) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

using System.Runtime.CompilerServices;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A NoInlining helper with five parameters becomes a BPF-to-BPF call.
public static unsafe class CallsSubprogram
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint Mix(uint a, uint b, uint c, uint d, uint e) => (a * 31 + b) * 31 + (c ^ d) + e;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        uint mixed = Mix((uint)ctx.Length, ctx.IngressIfindex, ctx.RxQueueIndex, 7, 11);
        return (mixed & 0xff) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

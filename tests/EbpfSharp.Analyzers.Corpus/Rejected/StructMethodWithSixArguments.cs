using System.Runtime.CompilerServices;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A struct method subprogram: five parameters plus this.
public static unsafe class StructMethodWithSixArguments
{
    private struct Accumulator
    {
        public uint Total;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public uint Add(uint a, uint b, uint c, uint d, uint e) => Total += a + b + c + d + e; // EBPF0021
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        var accumulator = new Accumulator();
        uint total = accumulator.Add((uint)ctx.Length, 1, 2, 3, ctx.IngressIfindex);
        return total > 1000 ? XdpAction.Drop : XdpAction.Pass;
    }
}

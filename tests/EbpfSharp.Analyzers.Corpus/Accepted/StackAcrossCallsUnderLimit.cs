using System.Runtime.CompilerServices;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A program and its subprogram each with 200 bytes: 400 together.
public static unsafe class StackAcrossCallsUnderLimit
{
    private struct Block
    {
        public fixed byte Bytes[200];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Digest(uint seed)
    {
        Block block;
        for (int i = 0; i < 200; i++)
            block.Bytes[i] = (byte)(seed + (uint)i);
        return Bpf.CsumDiff(null, 0, (uint*)block.Bytes, 200, seed);
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Block local;
        for (int i = 0; i < 200; i++)
            local.Bytes[i] = (byte)i;
        long mine = Bpf.CsumDiff(null, 0, (uint*)local.Bytes, 200, 0);
        long theirs = Digest(ctx.IngressIfindex);
        return mine == theirs ? XdpAction.Drop : XdpAction.Pass;
    }
}

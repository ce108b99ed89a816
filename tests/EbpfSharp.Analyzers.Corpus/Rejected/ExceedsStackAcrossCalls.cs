using System.Runtime.CompilerServices;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A program and the subprogram it calls each use 320 bytes.
public static unsafe class ExceedsStackAcrossCalls
{
    private struct Scratch
    {
        public fixed byte Bytes[320];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Digest(uint seed)
    {
        Scratch scratch;
        scratch.Bytes[0] = (byte)seed;
        return Bpf.CsumDiff(null, 0, (uint*)scratch.Bytes, 320, seed);
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Scratch local;
        local.Bytes[0] = (byte)ctx.Length;
        long mine = Bpf.CsumDiff(null, 0, (uint*)local.Bytes, 320, 0);
        long theirs = Digest(ctx.IngressIfindex); // EBPF0014
        return mine == theirs ? XdpAction.Drop : XdpAction.Pass;
    }
}

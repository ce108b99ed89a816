namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Loops to a limit in a writable global, which the verifier cannot bound.
public static unsafe class LoopsToGlobalLimit
{
    private static ulong Rounds = 100_000;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ulong state = (ulong)ctx.Length;
        for (ulong i = 0; i < Rounds; i++) // EBPF0017
            state = state * 6364136223846793005 + 1442695040888963407;
        return (state & 1) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A 400-byte struct local: below the 512-byte stack.
public static unsafe class StackUnderLimit
{
    private struct Window
    {
        public fixed uint Words[100];
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Window window;
        for (int i = 0; i < 100; i++)
            window.Words[i] = (uint)i;
        window.Words[0] = (uint)ctx.Length;
        long sum = Bpf.CsumDiff(null, 0, window.Words, 400, 0);
        return sum == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

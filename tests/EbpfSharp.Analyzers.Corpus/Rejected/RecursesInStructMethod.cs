namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A struct method calls itself.
public static unsafe class RecursesInStructMethod
{
    private struct Walker
    {
        public int Steps;

        public int Walk(int remaining)
        {
            if (remaining <= 0)
                return Steps;
            Steps++;
            return Walk(remaining - 100); // EBPF0013
        }
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        var walker = new Walker();
        return walker.Walk(ctx.Length) > 10 ? XdpAction.Drop : XdpAction.Pass;
    }
}

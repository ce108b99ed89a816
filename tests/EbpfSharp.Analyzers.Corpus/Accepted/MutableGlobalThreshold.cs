namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A .data threshold the host may change at run time.
public static unsafe class MutableGlobalThreshold
{
    private static uint Threshold = 1000;
    private static ulong Dropped;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if ((uint)ctx.Length <= Threshold)
            return XdpAction.Pass;
        Dropped++;
        return XdpAction.Drop;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A small constant stackalloc buffer.
public static unsafe class StackallocScratch
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* scratch = stackalloc byte[64];
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Pass;
        for (int i = 0; i < 14; i++)
            scratch[i] = data[i];
        return scratch[12] == 0x88 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A bounded-looking loop whose continue skips the increment: the verifier finds the same state again.
public static unsafe class SkipsWithoutAdvancing
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        int i = 0;
        int padding = 0;
        while (i < 8) // EBPF0017
        {
            if (data + 8 > end)
                continue;
            if (data[i] == 0)
                padding++;
            i++;
        }
        return padding > 4 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Sums the first 16 bytes with a constant-bound loop, checking each access.
public static unsafe class SumsFirstBytes
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        uint sum = 0;
        for (int i = 0; i < 16; i++)
        {
            if (data + i + 1 > end)
                break;
            sum += data[i];
        }
        return sum == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

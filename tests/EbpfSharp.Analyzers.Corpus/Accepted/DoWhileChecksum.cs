namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A do/while loop that folds the first 8 bytes, checking each access.
public static unsafe class DoWhileChecksum
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        uint sum = 0;
        int i = 0;
        do
        {
            if (data + i + 1 > end)
                break;
            sum += (uint)data[i] << (i & 1) * 8;
            i++;
        }
        while (i < 8);
        return (sum & 0xffff) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Swaps source and destination MAC and sends the frame back.
public static unsafe class RawMacRewrite
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Pass;
        for (int i = 0; i < 6; i++)
        {
            byte destination = data[i];
            data[i] = data[i + 6];
            data[i + 6] = destination;
        }
        return XdpAction.Tx;
    }
}

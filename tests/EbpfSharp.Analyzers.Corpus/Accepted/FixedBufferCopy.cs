namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Copies the destination MAC into a struct with a fixed buffer.
public static unsafe class FixedBufferCopy
{
    private struct Mac
    {
        public fixed byte Bytes[6];
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 6 > ctx.DataEnd)
            return XdpAction.Pass;
        Mac mac;
        for (int i = 0; i < 6; i++)
            mac.Bytes[i] = data[i];
        return mac.Bytes[0] == 0xff && mac.Bytes[5] == 0xff ? XdpAction.Drop : XdpAction.Pass;
    }
}

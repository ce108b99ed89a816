namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Reads the IPv4 protocol byte after a 34-byte check.
public static unsafe class RawProtocolByte
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 34 > ctx.DataEnd)
            return XdpAction.Pass;
        if (data[12] != 0x08 || data[13] != 0x00)
            return XdpAction.Pass;
        return data[23] == 47 ? XdpAction.Drop : XdpAction.Pass;
    }
}

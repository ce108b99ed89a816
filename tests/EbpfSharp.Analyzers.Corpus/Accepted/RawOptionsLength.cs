namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Checks a variable IPv4 header length against the packet end before reading past it.
public static unsafe class RawOptionsLength
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if (data + 34 > end)
            return XdpAction.Pass;
        int headerLength = (data[14] & 0x0F) * 4;
        if (headerLength < 20)
            return XdpAction.Drop;
        byte* l4 = data + 14 + headerLength;
        if (l4 + 4 > end)
            return XdpAction.Pass;
        return l4[2] == 0 && l4[3] == 7 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Walks up to four stacked VLAN tags with a bounded loop.
public static unsafe class WalksVlanStack
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if (data + 14 > end)
            return XdpAction.Pass;
        int offset = 12;
        int tags = 0;
        for (int i = 0; i < 4; i++)
        {
            if (data + offset + 6 > end)
                return XdpAction.Drop;
            if (data[offset] != 0x81 || data[offset + 1] != 0x00)
                break;
            tags++;
            offset += 4;
        }
        return tags > 2 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Drops frames with a multicast source MAC.
public static unsafe class RawBroadcastSource
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if (data + 12 > end)
            return XdpAction.Aborted;
        return (data[6] & 1) != 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Loops to a count read from the packet, capped at a constant.
public static unsafe class CapsPacketCount
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 15 > ctx.DataEnd)
            return XdpAction.Pass;
        int count = data[14];
        uint hash = 2166136261;
        for (int i = 0; i < count && i < 32; i++)
            hash = (hash ^ (uint)i) * 16777619;
        return (hash & 1) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

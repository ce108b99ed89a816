using EbpfSharp;

namespace EbpfSharp.Corpus.Basics;

public static unsafe class Smoke
{
    [Xdp]
    public static XdpAction PassAll(XdpContext ctx) => XdpAction.Pass;

    [Xdp]
    public static XdpAction DropShort(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Drop;
        return data[12] == 0x08 && data[13] == 0x00 ? XdpAction.Pass : XdpAction.Tx;
    }

    [Xdp]
    public static XdpAction ByTryGet(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out ushort* first))
            return XdpAction.Aborted;
        int sum = 0;
        for (int i = 0; i < 4; i++)
            sum += i * *first;
        return (sum & 1) == 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}

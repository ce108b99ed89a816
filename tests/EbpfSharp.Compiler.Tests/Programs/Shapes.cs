using EbpfSharp;
using EbpfSharp.Net;

namespace EbpfSharp.Compiler.Tests.Programs;

// Small programs whose instructions the tests pin down.
public static unsafe class Shapes
{
    [Xdp]
    public static XdpAction PassAll(XdpContext ctx) => XdpAction.Pass;

    [Xdp]
    public static XdpAction ParseEthernet(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Drop;
        return eth->EtherType == EtherType.IPv4 ? XdpAction.Pass : XdpAction.Drop;
    }

    [Xdp]
    public static XdpAction SignedDivision(XdpContext ctx)
    {
        int value = ctx.Length - 100;
        return value / 7 > 2 ? XdpAction.Pass : XdpAction.Drop;
    }

    [Xdp]
    public static XdpAction LoopCarried(XdpContext ctx)
    {
        int count = ctx.Length & 15;
        uint sum = 0;
        uint previous = 1;
        for (int i = 0; i < count; i++)
        {
            uint next = sum + previous;
            previous = sum;
            sum = next;
        }
        return sum > 100 ? XdpAction.Pass : XdpAction.Drop;
    }
}

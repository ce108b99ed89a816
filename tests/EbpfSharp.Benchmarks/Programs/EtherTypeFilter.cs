using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>Passes IPv4 and IPv6 frames, drops every other EtherType and runts. Twin: c/ethertype_filter.c.</summary>
public static unsafe class EtherTypeFilter
{
    [Xdp]
    public static XdpAction PassIp(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet))
            return XdpAction.Drop;
        ushort type = ethernet->EtherType;
        return type == EtherType.IPv4 || type == EtherType.IPv6 ? XdpAction.Pass : XdpAction.Drop;
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Passes IPv6 packets whose next header is TCP, UDP or ICMPv6 and drops the other IPv6 packets (and truncated
/// ones); other EtherTypes pass. Twin: c/ipv6_next_header.c.
/// </summary>
public static unsafe class Ipv6NextHeaderFilter
{
    [Xdp]
    public static XdpAction FilterNextHeader(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv6)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv6Header* ip))
            return XdpAction.Drop;
        return ip->NextHeader switch
        {
            IPProtocol.Tcp or IPProtocol.Udp or IPProtocol.Icmpv6 => XdpAction.Pass,
            _ => XdpAction.Drop,
        };
    }
}

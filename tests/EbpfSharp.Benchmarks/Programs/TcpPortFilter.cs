using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>Drops IPv4 TCP segments to port 22 and IPv4 headers shorter than 20 bytes. Twin: c/tcp_port_filter.c.</summary>
public static unsafe class TcpPortFilter
{
    [Xdp]
    public static XdpAction DropSsh(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->Protocol != IPProtocol.Tcp)
            return XdpAction.Pass;
        int headerLength = ip->HeaderLength;
        if (headerLength < 20)
            return XdpAction.Drop;
        if (!ctx.TryGet(14 + headerLength, out TcpHeader* tcp))
            return XdpAction.Pass;
        return tcp->DestinationPort == 22 ? XdpAction.Drop : XdpAction.Pass;
    }
}

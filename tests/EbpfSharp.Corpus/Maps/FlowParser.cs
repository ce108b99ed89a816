using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>Reads the 5-tuple of an untagged IPv4 TCP or UDP packet; shared (inlined) by the flow programs.</summary>
public static unsafe class FlowParser
{
    /// <summary>
    /// True with the packet's flow for unfragmented IPv4 TCP and UDP whose ports are inside the packet, and the TCP
    /// flags (0 for UDP).
    /// </summary>
    public static bool TryRead(XdpContext ctx, out FiveTuple flow, out byte tcpFlags)
    {
        flow = default;
        tcpFlags = 0;
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return false;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->HeaderLength < 20 || ip->IsFragment)
            return false;
        int l4 = sizeof(EthernetHeader) + ip->HeaderLength;
        if (ip->Protocol == IPProtocol.Tcp)
        {
            if (!ctx.TryGet(l4, out TcpHeader* tcp))
                return false;
            flow.SourcePort = tcp->SourcePort;
            flow.DestinationPort = tcp->DestinationPort;
            tcpFlags = tcp->Flags;
        }
        else if (ip->Protocol == IPProtocol.Udp)
        {
            if (!ctx.TryGet(l4, out UdpHeader* udp))
                return false;
            flow.SourcePort = udp->SourcePort;
            flow.DestinationPort = udp->DestinationPort;
        }
        else
        {
            return false;
        }
        flow.Source = ip->SourceAddress;
        flow.Destination = ip->DestinationAddress;
        flow.Protocol = ip->Protocol;
        return true;
    }
}

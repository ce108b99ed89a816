using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Parsing;

/// <summary>IPv4 (with options), IPv6, TCP, UDP, ICMP and ICMPv6 parsing.</summary>
public static unsafe class IpParsing
{
    /// <summary>Finds the L4 header after IPv4 options (HeaderLength) and drops UDP to port 53 and TCP SYNs to port 22.</summary>
    [Xdp]
    public static XdpAction IPv4WithOptions(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        int headerLength = ip->HeaderLength;
        if (headerLength < 20)
            return XdpAction.Drop;
        if (ip->IsFragment)
            return XdpAction.Pass;
        int l4 = sizeof(EthernetHeader) + headerLength;
        if (ip->Protocol == IPProtocol.Udp)
        {
            if (!ctx.TryGet(l4, out UdpHeader* udp))
                return XdpAction.Drop;
            return udp->DestinationPort == 53 ? XdpAction.Drop : XdpAction.Pass;
        }
        if (ip->Protocol == IPProtocol.Tcp)
        {
            if (!ctx.TryGet(l4, out TcpHeader* tcp))
                return XdpAction.Drop;
            return tcp->DestinationPort == 22 && tcp->IsSyn && !tcp->IsAck ? XdpAction.Drop : XdpAction.Pass;
        }
        return XdpAction.Pass;
    }

    /// <summary>IPv6: drops hop limit 0, ICMPv6 echo requests Tx, UDP/TCP by next header.</summary>
    [Xdp]
    public static XdpAction IPv6NextHeader(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv6)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv6Header* ip6))
            return XdpAction.Drop;
        if (ip6->Version != 6 || ip6->HopLimit == 0)
            return XdpAction.Drop;
        int l4 = sizeof(EthernetHeader) + sizeof(IPv6Header);
        switch (ip6->NextHeader)
        {
            case IPProtocol.Icmpv6:
                if (!ctx.TryGet(l4, out Icmpv6Header* icmp))
                    return XdpAction.Drop;
                return icmp->Type == 128 ? XdpAction.Tx : XdpAction.Pass;
            case IPProtocol.Udp:
                if (!ctx.TryGet(l4, out UdpHeader* udp))
                    return XdpAction.Drop;
                return udp->Length < 8 ? XdpAction.Drop : XdpAction.Pass;
            case IPProtocol.Tcp:
                return ctx.TryGet(l4, out TcpHeader* _) ? XdpAction.Pass : XdpAction.Drop;
            default:
                return XdpAction.Pass;
        }
    }

    /// <summary>Writes the TCP flags, data offset and port parity into the destination MAC.</summary>
    [Xdp]
    public static XdpAction TcpFlags(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->Protocol != IPProtocol.Tcp || ip->HeaderLength < 20)
            return XdpAction.Pass;
        if (!ctx.TryGet(14 + ip->HeaderLength, out TcpHeader* tcp))
            return XdpAction.Drop;
        eth->Destination[0] = tcp->Flags;
        eth->Destination[1] = (byte)tcp->DataOffset;
        eth->Destination[2] = (byte)((tcp->SourcePort ^ tcp->DestinationPort) & 1);
        if (tcp->IsRst && tcp->IsSyn)
            return XdpAction.Drop;
        if (tcp->IsFin && tcp->IsUrg && tcp->IsPsh)
            return XdpAction.Drop;
        return tcp->DataOffset < 20 ? XdpAction.Drop : XdpAction.Tx;
    }

    /// <summary>UDP over raw pointers with a fixed 20-byte IPv4 header: length sanity against the packet.</summary>
    [Xdp]
    public static XdpAction RawUdp(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if (data + 42 > end)
            return XdpAction.Pass;
        if (data[12] != 0x08 || data[13] != 0x00 || data[14] != 0x45 || data[23] != 17)
            return XdpAction.Pass;
        byte* udp = data + 34;
        int length = udp[4] << 8 | udp[5];
        long available = end - udp;
        if (length < 8)
            return XdpAction.Drop;
        return length > available ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>ICMP echo requests become replies (type 0, checksum updated) and go back out.</summary>
    [Xdp]
    public static XdpAction IcmpEcho(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->Protocol != IPProtocol.Icmp || ip->HeaderLength != 20)
            return XdpAction.Pass;
        if (!ctx.TryGet(34, out IcmpHeader* icmp))
            return XdpAction.Drop;
        if (icmp->Type != 8 || icmp->Code != 0)
            return XdpAction.Pass;
        ushort oldWord = (ushort)(icmp->Type << 8 | icmp->Code);
        icmp->Type = 0;
        icmp->Checksum = Checksum.Replace16(icmp->Checksum, oldWord, 0);
        uint source = ip->SourceAddress;
        ip->SourceAddress = ip->DestinationAddress;
        ip->DestinationAddress = source;
        return icmp->Identifier == 0 && icmp->SequenceNumber == 0 ? XdpAction.Drop : XdpAction.Tx;
    }

    /// <summary>ICMPv6 classification: neighbour discovery passes, errors drop, others Tx.</summary>
    [Xdp]
    public static XdpAction Icmpv6Types(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv6)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv6Header* ip6) || ip6->NextHeader != IPProtocol.Icmpv6)
            return XdpAction.Pass;
        if (!ctx.TryGet(54, out Icmpv6Header* icmp))
            return XdpAction.Drop;
        byte type = icmp->Type;
        if (type >= 133 && type <= 137)
            return XdpAction.Pass;
        if (type < 128)
            return XdpAction.Drop;
        ip6->HopLimit = (byte)(ip6->HopLimit - 1);
        return XdpAction.Tx;
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Rewriting;

/// <summary>Packet rewriting: swapping addresses and ports and sending the packet back out.</summary>
public static unsafe class Reflectors
{
    /// <summary>Swaps the MAC addresses and returns Tx.</summary>
    [Xdp]
    public static XdpAction SwapMacs(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Aborted;
        for (int i = 0; i < 6; i++)
        {
            byte b = eth->Destination[i];
            eth->Destination[i] = eth->Source[i];
            eth->Source[i] = b;
        }
        return XdpAction.Tx;
    }

    /// <summary>UDP/TCP over IPv4: swaps MACs, IPs and ports (checksums stay valid) and returns Tx.</summary>
    [Xdp]
    public static XdpAction SwapAll(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->HeaderLength < 20)
            return XdpAction.Pass;
        int l4 = 14 + ip->HeaderLength;
        if (ip->Protocol == IPProtocol.Udp)
        {
            if (!ctx.TryGet(l4, out UdpHeader* udp))
                return XdpAction.Pass;
            ushort port = udp->SourcePort;
            udp->SourcePort = udp->DestinationPort;
            udp->DestinationPort = port;
        }
        else if (ip->Protocol == IPProtocol.Tcp)
        {
            if (!ctx.TryGet(l4, out TcpHeader* tcp))
                return XdpAction.Pass;
            ushort port = tcp->SourcePort;
            tcp->SourcePort = tcp->DestinationPort;
            tcp->DestinationPort = port;
        }
        else
        {
            return XdpAction.Pass;
        }
        uint address = ip->SourceAddress;
        ip->SourceAddress = ip->DestinationAddress;
        ip->DestinationAddress = address;
        SwapMacsInPlace(eth);
        return XdpAction.Tx;
    }

    private static void SwapMacsInPlace(EthernetHeader* eth)
    {
        for (int i = 0; i < 6; i++)
            (eth->Destination[i], eth->Source[i]) = (eth->Source[i], eth->Destination[i]);
    }

    /// <summary>Decrements the IPv4 TTL with an incremental checksum update; drops at TTL 1 or less.</summary>
    [Xdp]
    public static XdpAction DecrementTtl(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        if (ip->Ttl <= 1)
            return XdpAction.Drop;
        ushort oldWord = (ushort)(ip->Ttl << 8 | ip->Protocol);
        ip->Ttl--;
        ushort newWord = (ushort)(ip->Ttl << 8 | ip->Protocol);
        ip->Checksum = Checksum.Replace16(ip->Checksum, oldWord, newWord);
        return XdpAction.Tx;
    }

    /// <summary>Rewrites UDP destination port 53 to 5353 and TCP 80 to 8080, fixing the L4 checksum.</summary>
    [Xdp]
    public static XdpAction RewritePorts(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->HeaderLength < 20)
            return XdpAction.Pass;
        int l4 = 14 + ip->HeaderLength;
        if (ip->Protocol == IPProtocol.Udp && ctx.TryGet(l4, out UdpHeader* udp))
        {
            if (udp->DestinationPort != 53)
                return XdpAction.Pass;
            udp->DestinationPort = 5353;
            if (udp->Checksum != 0)
                udp->Checksum = Checksum.Replace16(udp->Checksum, 53, 5353);
            return XdpAction.Tx;
        }
        if (ip->Protocol == IPProtocol.Tcp && ctx.TryGet(l4, out TcpHeader* tcp))
        {
            if (tcp->DestinationPort != 80)
                return XdpAction.Pass;
            tcp->DestinationPort = 8080;
            tcp->Checksum = Checksum.Replace16(tcp->Checksum, 80, 8080);
            return XdpAction.Tx;
        }
        return XdpAction.Pass;
    }

    /// <summary>NATs the IPv4 source address to 10.0.0.1 with Replace32 on the IP and L4 checksums.</summary>
    [Xdp]
    public static XdpAction SourceNat(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->HeaderLength != 20)
            return XdpAction.Pass;
        const uint NewSource = 0x0A000001;
        uint old = ip->SourceAddress;
        if (ip->Protocol == IPProtocol.Tcp)
        {
            if (!ctx.TryGet(34, out TcpHeader* tcp))
                return XdpAction.Drop;
            tcp->Checksum = Checksum.Replace32(tcp->Checksum, old, NewSource);
        }
        ip->SourceAddress = NewSource;
        ip->Checksum = Checksum.Replace32(ip->Checksum, old, NewSource);
        return XdpAction.Tx;
    }

    /// <summary>IPv6: swaps source and destination addresses byte by byte and decrements the hop limit.</summary>
    [Xdp]
    public static XdpAction SwapIPv6(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv6)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv6Header* ip6))
            return XdpAction.Pass;
        if (ip6->HopLimit <= 1)
            return XdpAction.Drop;
        for (int i = 0; i < 16; i++)
        {
            byte b = ip6->SourceAddress[i];
            ip6->SourceAddress[i] = ip6->DestinationAddress[i];
            ip6->DestinationAddress[i] = b;
        }
        ip6->HopLimit--;
        return XdpAction.Tx;
    }
}

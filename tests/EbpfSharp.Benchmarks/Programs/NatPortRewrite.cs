using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Port forwarding: looks the TCP/UDP destination port of an IPv4 packet up in a hash map of redirects and
/// rewrites it, updating the L4 checksum incrementally (RFC 1624; UDP without a checksum keeps none). The
/// harness seeds 53 → 5353 and 22 → 2222. Everything passes. Twin: c/nat_port_rewrite.c.
/// </summary>
public static unsafe class NatPortRewrite
{
    static readonly HashMap<ushort, ushort> Redirects = new(maxEntries: 64);

    [Xdp]
    public static XdpAction RewritePort(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        int offset = sizeof(EthernetHeader) + ip->HeaderLength;
        if (ip->Protocol == IPProtocol.Tcp)
        {
            if (!ctx.TryGet(offset, out TcpHeader* tcp))
                return XdpAction.Pass;
            ushort* target = Redirects.Lookup(tcp->DestinationPort);
            if (target == null)
                return XdpAction.Pass;
            tcp->Checksum = Checksum.Replace16(tcp->Checksum, tcp->DestinationPort, *target);
            tcp->DestinationPort = *target;
        }
        else if (ip->Protocol == IPProtocol.Udp)
        {
            if (!ctx.TryGet(offset, out UdpHeader* udp))
                return XdpAction.Pass;
            ushort* target = Redirects.Lookup(udp->DestinationPort);
            if (target == null)
                return XdpAction.Pass;
            if (udp->Checksum != 0)
                udp->Checksum = Checksum.Replace16(udp->Checksum, udp->DestinationPort, *target);
            udp->DestinationPort = *target;
        }
        return XdpAction.Pass;
    }
}

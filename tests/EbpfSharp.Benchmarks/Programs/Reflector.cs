using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Sends IPv4 UDP and TCP packets (20-byte IP header) back: swaps MAC addresses, IP addresses and ports, returns
/// XDP_TX. Swaps keep every checksum valid. Other packets pass. Twin: c/reflector.c.
/// </summary>
public static unsafe class Reflector
{
    [Xdp]
    public static XdpAction Reflect(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->VersionAndHeaderLength != 0x45)
            return XdpAction.Pass;
        if (ip->Protocol != IPProtocol.Udp && ip->Protocol != IPProtocol.Tcp)
            return XdpAction.Pass;
        // TCP and UDP headers both start with the two ports.
        if (!ctx.TryGet(34, out UdpHeader* ports))
            return XdpAction.Pass;
        Frames.SwapMacAddresses(ethernet);
        Frames.SwapIpAddresses(ip);
        ushort source = ports->SourcePort;
        ports->SourcePort = ports->DestinationPort;
        ports->DestinationPort = source;
        return XdpAction.Tx;
    }
}

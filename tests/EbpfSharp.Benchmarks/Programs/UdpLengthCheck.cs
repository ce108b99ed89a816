using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Sanity checks on IPv4 UDP: the UDP length covers at least its header, equals the IP payload length, and the
/// IP total length fits in the frame; failures drop. Non-UDP passes. Twin: c/udp_length.c.
/// </summary>
public static unsafe class UdpLengthCheck
{
    [Xdp]
    public static XdpAction CheckUdpLength(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Drop;
        if (ip->Protocol != IPProtocol.Udp)
            return XdpAction.Pass;
        int headerLength = ip->HeaderLength;
        if (headerLength < 20)
            return XdpAction.Drop;
        if (!ctx.TryGet(14 + headerLength, out UdpHeader* udp))
            return XdpAction.Drop;
        int totalLength = ip->TotalLength;
        int udpLength = udp->Length;
        if (udpLength < 8 || udpLength != totalLength - headerLength)
            return XdpAction.Drop;
        if (14 + totalLength > ctx.Length)
            return XdpAction.Drop;
        return XdpAction.Pass;
    }
}

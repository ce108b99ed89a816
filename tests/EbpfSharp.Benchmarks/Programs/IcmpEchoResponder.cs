using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Answers IPv4 ICMP echo requests in place: swaps MAC and IP addresses, turns the request into a reply and
/// patches the ICMP checksum (RFC 1624), returns XDP_TX. Other packets pass. Twin: c/icmp_echo.c.
/// </summary>
public static unsafe class IcmpEchoResponder
{
    private const byte EchoRequest = 8;
    private const byte EchoReply = 0;

    [Xdp]
    public static XdpAction AnswerEcho(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->VersionAndHeaderLength != 0x45 || ip->Protocol != IPProtocol.Icmp)
            return XdpAction.Pass;
        if (!ctx.TryGet(34, out IcmpHeader* icmp) || icmp->Type != EchoRequest || icmp->Code != 0)
            return XdpAction.Pass;
        Frames.SwapMacAddresses(ethernet);
        Frames.SwapIpAddresses(ip);
        icmp->Type = EchoReply;
        // Type and code form the first word the checksum covers.
        icmp->Checksum = Checksum.Replace16(icmp->Checksum, EchoRequest << 8, EchoReply << 8);
        return XdpAction.Tx;
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Verifies the TCP or UDP checksum of an IPv4 packet: the pseudo-header plus every 16-bit word of the segment
/// (IP total length minus the header), a loop of up to 256 words; drops bad checksums and truncated segments,
/// passes UDP without a checksum, longer segments and everything else. Twin: c/l4_checksum.c.
/// </summary>
public static unsafe class L4ChecksumVerify
{
    const int MaxWords = 256;

    [Xdp]
    public static XdpAction VerifyL4Checksum(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        byte protocol = ip->Protocol;
        if (protocol != IPProtocol.Tcp && protocol != IPProtocol.Udp)
            return XdpAction.Pass;
        int headerLength = ip->HeaderLength;
        int length = ip->TotalLength - headerLength;
        if (headerLength < 20 || length < 8 || length > MaxWords * 2)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader) + headerLength, out UdpHeader* udp))
            return XdpAction.Drop;
        if (protocol == IPProtocol.Udp && udp->Checksum == 0)
            return XdpAction.Pass;

        uint source = ip->SourceAddress, destination = ip->DestinationAddress;
        ulong sum = (source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF)
            + protocol + (uint)length;
        byte* word = (byte*)udp;
        byte* end = ctx.DataEnd;
        for (int i = 0; i < MaxWords; i++)
        {
            if (i * 2 + 2 > length)
                break;
            if (word + 2 > end)
                return XdpAction.Drop;
            sum += (uint)(word[0] << 8 | word[1]);
            word += 2;
        }
        if ((length & 1) != 0)
        {
            if (word + 1 > end)
                return XdpAction.Drop;
            sum += (uint)word[0] << 8;
        }
        return Checksum.Fold(sum) == 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}

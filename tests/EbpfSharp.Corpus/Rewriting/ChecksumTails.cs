using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Rewriting;

/// <summary>
/// Arms that end in the same code on different fields, which tail merging emits once with the fields' addresses
/// (and the values that differ) chosen on each arm.
/// </summary>
public static unsafe class ChecksumTails
{
    /// <summary>Rewrites the destination address and updates the TCP or UDP checksum (UDP only when set).</summary>
    [Xdp]
    public static XdpAction RewriteAddress(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out TcpHeader* tcp))
            return XdpAction.Pass;
        uint before = ip->DestinationAddress;
        uint after = before ^ 0x0A0B0C0Du;
        ip->DestinationAddress = after;
        ip->Checksum = Checksum.Replace32(ip->Checksum, before, after);
        if (ip->Protocol == IPProtocol.Tcp)
            tcp->Checksum = Checksum.Replace32(tcp->Checksum, before, after);
        else if (ip->Protocol == IPProtocol.Udp)
        {
            var udp = (UdpHeader*)tcp;
            if (udp->Checksum != 0)
                udp->Checksum = Checksum.Replace32(udp->Checksum, before, after);
        }
        else
            return XdpAction.Drop;
        return XdpAction.Tx;
    }

    /// <summary>Two arms add different amounts to different bytes, then the same arithmetic on what they stored.</summary>
    [Xdp]
    public static XdpAction DifferentOperands(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Pass;
        byte* bytes = (byte*)eth;
        uint mixed;
        if ((bytes[0] & 1) != 0)
        {
            uint x = bytes[1] + 7u;
            mixed = (x * 31 ^ x >> 3) + bytes[2];
            bytes[4] = (byte)(mixed ^ 0x5A);
            bytes[5] = (byte)(mixed >> 8);
        }
        else
        {
            uint x = bytes[3] + 9u;
            mixed = (x * 31 ^ x >> 3) + bytes[2];
            bytes[10] = (byte)(mixed ^ 0x5A);
            bytes[11] = (byte)(mixed >> 8);
        }
        return (mixed & 3) == 0 ? XdpAction.Tx : XdpAction.Pass;
    }
}

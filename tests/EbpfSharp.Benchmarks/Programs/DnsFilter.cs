using System.Buffers.Binary;
using System.Runtime.InteropServices;
using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>The fixed 12-byte DNS header; properties in host order.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DnsHeader
{
    private ushort _id, _flags, _questions, _answers, _authorities, _additionals;

    public readonly ushort Flags => BinaryPrimitives.ReverseEndianness(_flags);
    public readonly ushort Questions => BinaryPrimitives.ReverseEndianness(_questions);
    public readonly bool IsResponse => (Flags & 0x8000) != 0;
    public readonly int Opcode => (Flags >> 11) & 0xF;
}

/// <summary>
/// A DNS query filter on IPv4 UDP port 53: walks the question's name (up to 32 labels), drops queries of type
/// ANY (255), names with a label over 63 bytes or too many labels, and queries with other than one question or
/// a non-standard opcode; passes responses, truncated packets and everything else. Twin: c/dns_filter.c.
/// </summary>
public static unsafe class DnsFilter
{
    const int MaxLabels = 32;
    const ushort TypeAny = 255;

    [Xdp]
    public static XdpAction FilterDns(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->Protocol != IPProtocol.Udp)
            return XdpAction.Pass;
        int offset = sizeof(EthernetHeader) + ip->HeaderLength;
        if (!ctx.TryGet(offset, out UdpHeader* udp) || udp->DestinationPort != 53)
            return XdpAction.Pass;
        if (!ctx.TryGet(offset + sizeof(UdpHeader), out DnsHeader* dns) || dns->IsResponse)
            return XdpAction.Pass;
        if (dns->Questions != 1 || dns->Opcode != 0)
            return XdpAction.Drop;

        byte* name = (byte*)(dns + 1);
        byte* end = ctx.DataEnd;
        for (int label = 0; ; label++)
        {
            if (label == MaxLabels)
                return XdpAction.Drop;
            if (name + 1 > end)
                return XdpAction.Pass;
            int length = *name;
            if (length == 0)
                break;
            if (length > 63)
                return XdpAction.Drop;
            name += length + 1;
        }
        if (name + 5 > end)
            return XdpAction.Pass;
        ushort type = (ushort)(name[1] << 8 | name[2]);
        return type == TypeAny ? XdpAction.Drop : XdpAction.Pass;
    }
}

using System.Runtime.InteropServices;
using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>One IPv4 packet as reported to user space; 20 bytes, no padding (reserved records are not zeroed).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PacketSummary
{
    public uint Length;
    public uint Source;
    public uint Destination;
    public ushort SourcePort;
    public ushort DestinationPort;
    public byte Protocol;
    public byte Ttl;
    public ushort TotalLength;
}

/// <summary>
/// Reserves a record in a ring buffer for every IPv4 packet, fills it in place (addresses, ports of TCP/UDP,
/// lengths) and submits it. Everything passes. Twin: c/ring_summary.c.
/// </summary>
public static unsafe class RingSummary
{
    static readonly RingBuffer<PacketSummary> Summaries = new(sizeBytes: 1 << 20);

    [Xdp]
    public static XdpAction Summarize(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        PacketSummary* summary = Summaries.Reserve();
        if (summary == null)
            return XdpAction.Pass;
        summary->Length = (uint)ctx.Length;
        summary->Source = ip->SourceAddress;
        summary->Destination = ip->DestinationAddress;
        summary->Protocol = ip->Protocol;
        summary->Ttl = ip->Ttl;
        summary->TotalLength = ip->TotalLength;
        summary->SourcePort = 0;
        summary->DestinationPort = 0;
        if ((ip->Protocol == IPProtocol.Tcp || ip->Protocol == IPProtocol.Udp)
            && ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out UdpHeader* ports))
        {
            summary->SourcePort = ports->SourcePort;
            summary->DestinationPort = ports->DestinationPort;
        }
        Summaries.Submit(summary);
        return XdpAction.Pass;
    }
}

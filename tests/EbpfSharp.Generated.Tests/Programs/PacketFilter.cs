using System.Runtime.InteropServices;
using System.Threading;
using EbpfSharp.Net;

namespace EbpfSharp.Generated.Tests.Programs;

/// <summary>Packets and bytes of one IPv4 protocol.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ProtocolStats
{
    public ulong Packets;
    public ulong Bytes;
}

/// <summary>What the filter reports per IPv4 packet through its ring buffer and perf event array.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PacketRecord
{
    public uint Length;
    public uint Source;
    public byte Protocol;
    public byte Dropped;
    public ushort Sequence;
}

/// <summary>
/// An XDP filter with a .rodata setting (the protocol to drop), .bss/.data globals, keyed and indexed maps and both
/// event channels: everything the generated class exposes for an XDP program.
/// </summary>
public static unsafe partial class PacketFilter
{
    internal static readonly ArrayMap<ProtocolStats> ByProtocol = new(maxEntries: 256);
    internal static readonly HashMap<uint, ulong> BySource = new(maxEntries: 64);
    internal static readonly RingBuffer<PacketRecord> Records = new(sizeBytes: 64 * 1024);
    internal static readonly PerfEventArray<PacketRecord> Samples = new();

    /// <summary>The IPv4 protocol to drop; 0 drops nothing (set before load through Config).</summary>
    internal static readonly byte DroppedProtocol = 0;

    internal static ulong Seen;
    internal static ushort NextSequence = 1;

    [Xdp]
    public static XdpAction Filter(XdpContext ctx)
    {
        Interlocked.Increment(ref Seen);
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;

        ProtocolStats* stats = ByProtocol.Lookup(ip->Protocol);
        if (stats != null)
        {
            Interlocked.Increment(ref stats->Packets);
            Interlocked.Add(ref stats->Bytes, (ulong)ctx.Length);
        }

        uint source = ip->SourceAddress;
        ulong* bySource = BySource.Lookup(source);
        if (bySource != null)
            Interlocked.Increment(ref *bySource);
        else
            BySource.Update(source, 1);

        bool drop = DroppedProtocol != 0 && ip->Protocol == DroppedProtocol;
        var record = new PacketRecord
        {
            Length = (uint)ctx.Length,
            Source = source,
            Protocol = ip->Protocol,
            Dropped = drop ? (byte)1 : (byte)0,
            Sequence = NextSequence++,
        };
        Records.Output(record);
        Samples.Output(ctx, record);
        return drop ? XdpAction.Drop : XdpAction.Pass;
    }
}

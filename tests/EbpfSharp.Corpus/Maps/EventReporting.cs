using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Events to user space: records copied into a ring buffer (Output), records built in place in it
/// (Reserve, then Submit or Discard), and samples written to a perf event array. A global sequence number,
/// taken with an atomic increment whose result is used, orders them.
/// </summary>
public static unsafe partial class EventReporting
{
    public struct PacketEvent
    {
        public ulong Sequence;
        public uint Length;
        public ushort EtherType;
        public byte Protocol;
        public byte TcpFlags;
    }

    // 12 bytes: with the perf sample's 4-byte size in front, no padding to 8 bytes.
    public struct PerfSample
    {
        public uint Sequence;
        public ushort Length;
        public ushort EtherType;
        public uint Checksum;
    }

    static readonly RingBuffer<PacketEvent> Events = new(sizeBytes: 256 * 1024);
    static readonly PerfEventArray<PerfSample> Samples = new();

    static ulong Sequence;
    static ulong Lost;

    /// <summary>Reports every IPv4 packet with Output; counts records the buffer had no room for.</summary>
    [Xdp]
    public static XdpAction ReportIPv4(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Drop;
        var record = new PacketEvent
        {
            Sequence = Interlocked.Increment(ref Sequence),
            Length = (uint)ctx.Length,
            EtherType = EtherType.IPv4,
            Protocol = ip->Protocol,
        };
        if (!Events.Output(record))
            Lost++;
        return XdpAction.Pass;
    }

    /// <summary>
    /// Reserves a record for every frame and fills it in place; submits it for TCP packets with flags set
    /// (waking the reader only for SYNs), discards it for everything else.
    /// </summary>
    [Xdp]
    public static XdpAction ReportTcpFlags(XdpContext ctx)
    {
        PacketEvent* record = Events.Reserve();
        if (record == null)
            return XdpAction.Aborted;
        record->Sequence = Interlocked.Increment(ref Sequence);
        record->Length = (uint)ctx.Length;
        record->EtherType = 0;
        record->Protocol = 0;
        record->TcpFlags = 0;
        if (!FlowParser.TryRead(ctx, out FiveTuple flow, out byte flags) || flow.Protocol != IPProtocol.Tcp || flags == 0)
        {
            Events.Discard(record);
            return XdpAction.Pass;
        }
        record->EtherType = EtherType.IPv4;
        record->Protocol = IPProtocol.Tcp;
        record->TcpFlags = flags;
        Events.Submit(record, (flags & 0x02) != 0 ? RingBufferWakeup.Force : RingBufferWakeup.None);
        return XdpAction.Drop;
    }

    /// <summary>Writes a sample of every frame to this CPU's perf buffer; counts failed writes.</summary>
    [Xdp]
    public static XdpAction SampleToPerf(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Aborted;
        var sample = new PerfSample
        {
            Sequence = (uint)Interlocked.Increment(ref Sequence),
            Length = (ushort)ctx.Length,
            EtherType = eth->EtherType,
            Checksum = (uint)(eth->Source[0] << 24 | eth->Source[5] << 16 | eth->Destination[0] << 8 | eth->Destination[5]),
        };
        if (!Samples.Output(ctx, sample))
        {
            Lost++;
            return XdpAction.Drop;
        }
        return XdpAction.Pass;
    }
}

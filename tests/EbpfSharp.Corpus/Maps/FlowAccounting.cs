using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Per-flow state keyed by a padded 5-tuple: byte counts in a hash map, recent activity in an LRU hash map and a
/// small TCP connection table whose updates use the NoExist and Exist flags and fail when it is full.
/// </summary>
public static unsafe partial class FlowAccounting
{
    public struct FlowCounters
    {
        public ulong Packets;
        public ulong Bytes;
    }

    public struct FlowActivity
    {
        public ulong Packets;
        public uint FirstLength;
        public uint LastLength;
    }

    public struct Connection
    {
        public uint State;
        public uint Packets;
        public ulong Bytes;
    }

    const uint SynSeen = 1;
    const uint Established = 2;

    // kernel: include/net/tcp.h, TCPHDR_*
    const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Ack = 0x10;

    static readonly HashMap<FiveTuple, FlowCounters> Flows = new(maxEntries: 4096);

    // Large enough that the differential runs never evict: which entry the kernel's LRU evicts depends on its
    // per-CPU free lists, not only on recency.
    static readonly LruHashMap<FiveTuple, FlowActivity> RecentFlows = new(maxEntries: 4096);

    // Small on purpose: the packet corpus opens more connections than it holds, so inserts into a full table fail,
    // and must fail the same way in both runs.
    static readonly HashMap<FiveTuple, Connection> Connections = new(maxEntries: 4);

    /// <summary>Creates a flow's counters on its first packet, then adds to them atomically.</summary>
    [Xdp]
    public static XdpAction CountFlowBytes(XdpContext ctx)
    {
        if (!FlowParser.TryRead(ctx, out FiveTuple flow, out _))
            return XdpAction.Pass;
        FlowCounters* counters = Flows.Lookup(flow);
        if (counters == null)
        {
            Flows.Update(flow, new FlowCounters { Packets = 1, Bytes = (ulong)ctx.Length }, MapUpdateFlags.NoExist);
            return XdpAction.Pass;
        }
        Interlocked.Increment(ref counters->Packets);
        Interlocked.Add(ref counters->Bytes, (ulong)ctx.Length);
        return XdpAction.Pass;
    }

    /// <summary>Remembers each flow's first and last length; drops a flow's repeats of the same length after its third packet.</summary>
    [Xdp]
    public static XdpAction TrackRecentFlows(XdpContext ctx)
    {
        if (!FlowParser.TryRead(ctx, out FiveTuple flow, out _))
            return XdpAction.Pass;
        uint length = (uint)ctx.Length;
        FlowActivity* activity = RecentFlows.Lookup(flow);
        if (activity == null)
        {
            var first = new FlowActivity { Packets = 1, FirstLength = length, LastLength = length };
            return RecentFlows.Update(flow, first) ? XdpAction.Pass : XdpAction.Aborted;
        }
        activity->Packets++;
        bool repeat = activity->Packets > 3 && activity->LastLength == length;
        activity->LastLength = length;
        return repeat ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>
    /// A TCP connection table: a SYN inserts (NoExist; a duplicate or a full table drops), FIN or RST deletes, an
    /// ACK promotes a half-open connection (an Exist update of a copy), anything else without a connection drops.
    /// </summary>
    [Xdp]
    public static XdpAction TrackConnections(XdpContext ctx)
    {
        if (!FlowParser.TryRead(ctx, out FiveTuple flow, out byte flags) || flow.Protocol != IPProtocol.Tcp)
            return XdpAction.Pass;
        bool syn = (flags & Syn) != 0;
        bool ack = (flags & Ack) != 0;
        if (syn && !ack)
        {
            var opening = new Connection { State = SynSeen, Packets = 1, Bytes = (ulong)ctx.Length };
            return Connections.Update(flow, opening, MapUpdateFlags.NoExist) ? XdpAction.Pass : XdpAction.Drop;
        }
        Connection* connection = Connections.Lookup(flow);
        if (connection == null)
            return XdpAction.Drop;
        if ((flags & (Fin | Rst)) != 0)
            return Connections.Delete(flow) ? XdpAction.Pass : XdpAction.Aborted;
        connection->Packets++;
        connection->Bytes += (ulong)ctx.Length;
        if (ack && connection->State == SynSeen)
        {
            Connection promoted = *connection;
            promoted.State = Established;
            if (!Connections.Update(flow, promoted, MapUpdateFlags.Exist))
                return XdpAction.Aborted;
        }
        return XdpAction.Pass;
    }
}

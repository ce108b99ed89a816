using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Recent source ports in a queue that overwrites its oldest entry when full, and recent destinations in a
/// stack that refuses pushes when full; programs peek and pop them to decide.
/// </summary>
public static unsafe partial class RecentPorts
{
    public struct PortSample
    {
        public ushort Port;
        public byte Protocol;
        public byte TcpFlags;
    }

    static readonly QueueMap<ushort> SourcePorts = new(maxEntries: 16);
    static readonly StackMap<PortSample> Destinations = new(maxEntries: 8);

    static ulong Repeats;

    /// <summary>Queues every TCP and UDP source port, overwriting the oldest when the queue is full.</summary>
    [Xdp]
    public static XdpAction QueueSourcePorts(XdpContext ctx)
    {
        if (!FlowParser.TryRead(ctx, out FiveTuple flow, out _))
            return XdpAction.Pass;
        return SourcePorts.Push(flow.SourcePort, MapUpdateFlags.Exist) ? XdpAction.Pass : XdpAction.Aborted;
    }

    /// <summary>Drops a packet whose source port is the oldest one queued, and takes that one out; queues the rest.</summary>
    [Xdp]
    public static XdpAction DropOldestPortRepeat(XdpContext ctx)
    {
        if (!FlowParser.TryRead(ctx, out FiveTuple flow, out _))
            return XdpAction.Pass;
        if (SourcePorts.TryPeek(out ushort oldest) && oldest == flow.SourcePort)
        {
            Repeats++;
            return SourcePorts.TryPop(out _) ? XdpAction.Drop : XdpAction.Aborted;
        }
        SourcePorts.Push(flow.SourcePort, MapUpdateFlags.Exist);
        return XdpAction.Pass;
    }

    /// <summary>
    /// Stacks destination samples; when the stack is full, pops the newest and drops the packet if it was the same
    /// port (a burst to one destination), otherwise sends it back (Tx).
    /// </summary>
    [Xdp]
    public static XdpAction StackDestinations(XdpContext ctx)
    {
        if (!FlowParser.TryRead(ctx, out FiveTuple flow, out byte flags))
            return XdpAction.Pass;
        var sample = new PortSample { Port = flow.DestinationPort, Protocol = flow.Protocol, TcpFlags = flags };
        if (Destinations.Push(sample))
            return XdpAction.Pass;
        if (!Destinations.TryPop(out PortSample newest))
            return XdpAction.Aborted;
        return newest.Port == sample.Port ? XdpAction.Drop : XdpAction.Tx;
    }
}

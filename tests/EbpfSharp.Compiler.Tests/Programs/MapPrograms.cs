using System.Threading;
using EbpfSharp;
using EbpfSharp.Net;

namespace EbpfSharp.Compiler.Tests.Programs;

// The design's first example: a map, a .rodata setting, a .bss counter and an atomic increment.
public static unsafe class ProtocolCounter
{
    static readonly ArrayMap<ulong> Counts = new(maxEntries: 256);

    static readonly ushort IgnoredEtherType = 0x86DD;

    static ulong Packets;

    [Xdp]
    public static XdpAction Count(XdpContext ctx)
    {
        Packets++;
        if (!ctx.TryGet(0, out EthernetHeader* eth)) return XdpAction.Pass;
        if (eth->EtherType == IgnoredEtherType) return XdpAction.Pass;
        if (eth->EtherType != EtherType.IPv4) return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip)) return XdpAction.Pass;

        ulong* count = Counts.Lookup(ip->Protocol);
        if (count != null) Interlocked.Increment(ref *count);
        return XdpAction.Pass;
    }
}

// Keyed maps with a padded struct key, and the other map kinds' calls.
public static unsafe class MapShapes
{
    public struct FlowKey
    {
        public uint Source;
        public uint Destination;
        public ushort SourcePort;
        public ushort DestinationPort;
        public byte Protocol;
    }

    public struct Event
    {
        public uint Length;
        public ulong Sequence;
    }

    static readonly HashMap<FlowKey, ulong> Flows = new(maxEntries: 1024);
    static readonly QueueMap<uint> Recent = new(maxEntries: 16);
    static readonly RingBuffer<Event> Events = new(sizeBytes: 4096 * 4);
    static readonly ProgramArray Jumps = new(maxEntries: 4);
    static ulong Sequence = 7;

    [Xdp]
    public static XdpAction CountFlow(XdpContext ctx)
    {
        var key = new FlowKey { Source = 1, Destination = (uint)ctx.Length, Protocol = 6 };
        ulong* bytes = Flows.Lookup(key);
        if (bytes != null)
            *bytes += (ulong)ctx.Length;
        else
            Flows.Update(key, (ulong)ctx.Length);
        Recent.Push((uint)ctx.Length, MapUpdateFlags.Exist);
        Event* e = Events.Reserve();
        if (e == null) return XdpAction.Pass;
        e->Length = (uint)ctx.Length;
        e->Sequence = Sequence++;
        Events.Submit(e);
        return Jumps.TailCall(ctx, 1, XdpAction.Pass);
    }
}

// A raw tracepoint that records the kernel stack it runs on: stack trace maps need a tracing program.
public static unsafe class StackSampler
{
    static readonly StackTraceMap Stacks = new(maxEntries: 64);
    static readonly ArrayMap<long> LastId = new(maxEntries: 1);
    static readonly ArrayMap<ulong> LastArgument = new(maxEntries: 1);

    [RawTracepoint("sys_enter")]
    public static int Sample(RawTracepointContext ctx)
    {
        LastArgument.Update(0, ctx.Arg(1));
        LastId.Update(0, Stacks.GetStackId(ctx, StackTraceFlags.ReuseId));
        return 0;
    }
}

// A generic struct as a map key: an LPM key over any address type.
public static unsafe class GenericKeys
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 4)]
    public struct Prefix<TAddress> where TAddress : unmanaged
    {
        public uint Length;
        public TAddress Address;
    }

    static readonly LpmTrie<Prefix<uint>, byte> Blocked = new(maxEntries: 16);

    [Xdp]
    public static XdpAction Filter(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out EbpfSharp.Net.IPv4Header* ip))
            return XdpAction.Pass;
        var key = new Prefix<uint> { Length = 32, Address = ip->SourceAddress };
        byte* verdict = Blocked.Lookup(key);
        return verdict != null && key.Address != 0 ? (XdpAction)(*verdict) : XdpAction.Pass;
    }
}

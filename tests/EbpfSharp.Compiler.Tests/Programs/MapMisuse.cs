using System.Threading;
using EbpfSharp;

namespace EbpfSharp.Compiler.Tests.Programs;

// Each class misuses a map, a global or an atomic on a line the tests look for.
public static unsafe class ReassignableMap
{
    static HashMap<uint, ulong> Table = new(maxEntries: 4);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ulong* value = Table.Lookup(1); // EBPF1014 reassignable
        return value == null ? XdpAction.Pass : XdpAction.Drop;
    }

    public static void Replace() => Table = new(maxEntries: 8);
}

public static unsafe class RuntimeSizedMap
{
    static readonly ArrayMap<ulong> Table = new(maxEntries: Environment.ProcessorCount);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ulong* value = Table.Lookup(0); // EBPF1014 size
        return value == null ? XdpAction.Pass : XdpAction.Drop;
    }
}

public static class ManagedStatic
{
    static readonly string Name = "filter";

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        return Name.Length > 3 ? XdpAction.Pass : XdpAction.Drop; // EBPF1014 string
    }
}

public static unsafe class ReadsRingBufferInProgram
{
    public struct Record { public uint Value; }

    static readonly RingBuffer<Record> Events = new(sizeBytes: 4096);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        return Events.TryRead(out var record) && record.Value > 0 ? XdpAction.Drop : XdpAction.Pass; // EBPF1019
    }
}

public static unsafe class ExchangesOnV2
{
    static readonly ArrayMap<ulong> Slots = new(maxEntries: 1);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ulong* slot = Slots.Lookup(0);
        if (slot == null) return XdpAction.Pass;
        ulong previous = Interlocked.Exchange(ref *slot, 5); // EBPF1018
        return previous == 5 ? XdpAction.Drop : XdpAction.Pass;
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Counters by IP protocol in array maps (the design's first example), a <c>.bss</c> packet counter and an
/// EtherType to ignore in <c>.rodata</c>, which the host can change before loading.
/// </summary>
public static unsafe partial class ProtocolCounters
{
    static readonly ArrayMap<ulong> Counts = new(maxEntries: 256);
    static readonly ArrayMap<ulong> ByteCounts = new(maxEntries: 256);

    // .rodata: read-only for the programs, settable before load.
    static readonly ushort IgnoredEtherType = 0x86DD;

    // .bss: one counter incremented plainly, one with an atomic add.
    static ulong Packets;
    static ulong IPv4Packets;

    /// <summary>Counts every packet in <c>.bss</c> and IPv4 packets by protocol with an atomic increment.</summary>
    [Xdp]
    public static XdpAction CountByProtocol(XdpContext ctx)
    {
        Packets++;
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Pass;
        if (eth->EtherType == IgnoredEtherType)
            return XdpAction.Pass;
        if (eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        ulong* count = Counts.Lookup(ip->Protocol);
        if (count != null)
            Interlocked.Increment(ref *count);
        return XdpAction.Pass;
    }

    /// <summary>Adds IPv4 frame lengths by protocol with an atomic add; counts IPv4 packets in a global atomically.</summary>
    [Xdp]
    public static XdpAction CountBytesByProtocol(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Drop;
        Interlocked.Increment(ref IPv4Packets);
        ulong* bytes = ByteCounts.Lookup(ip->Protocol);
        if (bytes == null)
            return XdpAction.Aborted;
        Interlocked.Add(ref *bytes, (ulong)ctx.Length);
        return XdpAction.Pass;
    }

    /// <summary>Drops the configured EtherType: the verdict follows the <c>.rodata</c> value.</summary>
    [Xdp]
    public static XdpAction DropIgnoredEtherType(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Aborted;
        return eth->EtherType == IgnoredEtherType ? XdpAction.Drop : XdpAction.Pass;
    }
}

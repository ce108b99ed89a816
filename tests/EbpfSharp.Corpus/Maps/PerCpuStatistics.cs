using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Statistics kept per CPU, so updates need no atomics: a length histogram in a per-CPU array, packets by EtherType
/// in a per-CPU hash map, and per-source counters in an LRU per-CPU hash map.
/// </summary>
public static unsafe partial class PerCpuStatistics
{
    public struct SourceCounters
    {
        public ulong Packets;
        public ulong Bytes;
    }

    const int Buckets = 16;

    static readonly PerCpuArrayMap<ulong> LengthHistogram = new(maxEntries: Buckets);

    // Noise frames carry random EtherTypes: room for all of them.
    static readonly PerCpuHashMap<ushort, ulong> EtherTypes = new(maxEntries: 2048);

    // Large enough that the differential runs never evict (see FlowAccounting.RecentFlows).
    static readonly LruPerCpuHashMap<uint, SourceCounters> Sources = new(maxEntries: 4096);

    /// <summary>Counts frames in 128-byte length buckets; the last bucket takes everything longer.</summary>
    [Xdp]
    public static XdpAction HistogramLengths(XdpContext ctx)
    {
        uint bucket = (uint)ctx.Length / 128;
        if (bucket >= Buckets)
            bucket = Buckets - 1;
        ulong* slot = LengthHistogram.Lookup(bucket);
        if (slot == null)
            return XdpAction.Aborted;
        *slot += 1;
        return XdpAction.Pass;
    }

    /// <summary>Counts frames by EtherType, inserting a key on its first frame; drops EtherTypes below 0x0600 (802.3 lengths).</summary>
    [Xdp]
    public static XdpAction CountEtherTypes(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Aborted;
        ushort etherType = eth->EtherType;
        ulong* count = EtherTypes.Lookup(etherType);
        if (count != null)
            (*count)++;
        else if (!EtherTypes.Update(etherType, 1))
            return XdpAction.Aborted;
        return etherType < 0x0600 ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>Counts IPv4 packets and bytes by source address; passes a source's first 4 packets, then sends the rest back (Tx).</summary>
    [Xdp]
    public static XdpAction CountSources(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        uint source = ip->SourceAddress;
        SourceCounters* counters = Sources.Lookup(source);
        if (counters == null)
        {
            Sources.Update(source, new SourceCounters { Packets = 1, Bytes = (ulong)ctx.Length });
            return XdpAction.Pass;
        }
        counters->Packets++;
        counters->Bytes += (ulong)ctx.Length;
        return counters->Packets > 4 ? XdpAction.Tx : XdpAction.Pass;
    }
}

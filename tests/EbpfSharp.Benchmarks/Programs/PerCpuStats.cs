using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Per-CPU packet and byte counters by network protocol (0 IPv4, 1 IPv6, 2 ARP, 3 other): each CPU has its
/// own copy, so plain increments suffice. Everything passes. Twin: c/percpu_stats.c.
/// </summary>
public static unsafe class PerCpuStats
{
    static readonly PerCpuArrayMap<PacketCount> Stats = new(maxEntries: 4);

    [Xdp]
    public static XdpAction CountPerCpu(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet))
            return XdpAction.Pass;
        uint slot = ethernet->EtherType switch
        {
            EtherType.IPv4 => 0,
            EtherType.IPv6 => 1,
            EtherType.Arp => 2,
            _ => 3,
        };
        PacketCount* count = Stats.Lookup(slot);
        if (count != null)
        {
            count->Packets++;
            count->Bytes += (ulong)ctx.Length;
        }
        return XdpAction.Pass;
    }
}

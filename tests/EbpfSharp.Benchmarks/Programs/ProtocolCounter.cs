using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Packets and bytes per IPv4 protocol number in an array map, counted with atomic adds (other CPUs count into
/// the same element); everything passes. Twin: c/protocol_counter.c.
/// </summary>
public static unsafe class ProtocolCounter
{
    static readonly ArrayMap<PacketCount> Counts = new(maxEntries: 256);

    [Xdp]
    public static XdpAction CountProtocols(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        PacketCount* count = Counts.Lookup(ip->Protocol);
        if (count != null)
        {
            Interlocked.Increment(ref count->Packets);
            Interlocked.Add(ref count->Bytes, (ulong)ctx.Length);
        }
        return XdpAction.Pass;
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Packets and bytes per IPv4 source address in a hash map: look the source up, insert it on its first packet,
/// count atomically after. Twin: c/source_counter.c.
/// </summary>
public static unsafe class SourceCounter
{
    static readonly HashMap<uint, PacketCount> Sources = new(maxEntries: 4096);

    [Xdp]
    public static XdpAction CountSources(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        uint source = ip->SourceAddress;
        PacketCount* count = Sources.Lookup(source);
        if (count == null)
        {
            Sources.Update(source, new PacketCount { Packets = 1, Bytes = (ulong)ctx.Length }, MapUpdateFlags.NoExist);
            return XdpAction.Pass;
        }
        Interlocked.Increment(ref count->Packets);
        Interlocked.Add(ref count->Bytes, (ulong)ctx.Length);
        return XdpAction.Pass;
    }
}

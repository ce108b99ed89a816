using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// A router's forwarding step on IPv4: drops packets whose TTL would expire, otherwise decrements the TTL and
/// updates the header checksum incrementally (RFC 1624). Other packets pass. Twin: c/ttl_decrement.c.
/// </summary>
public static unsafe class TtlDecrement
{
    [Xdp]
    public static XdpAction DecrementTtl(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        if (ip->Ttl <= 1)
            return XdpAction.Drop;
        // TTL and protocol share one 16-bit word of the checksum.
        ushort before = (ushort)(ip->Ttl << 8 | ip->Protocol);
        ip->Ttl--;
        ushort after = (ushort)(ip->Ttl << 8 | ip->Protocol);
        ip->Checksum = Checksum.Replace16(ip->Checksum, before, after);
        return XdpAction.Pass;
    }
}

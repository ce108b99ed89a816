using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Decrements the TTL and fixes the header checksum incrementally.
public static unsafe class RewritesTtlWithChecksum
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        if (ip->Ttl <= 1)
            return XdpAction.Drop;
        ushort before = (ushort)(ip->Ttl << 8 | ip->Protocol);
        ip->Ttl--;
        ushort after = (ushort)(ip->Ttl << 8 | ip->Protocol);
        ip->Checksum = Checksum.Replace16(ip->Checksum, before, after);
        return XdpAction.Pass;
    }
}

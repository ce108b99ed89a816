using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Recomputes the IPv4 header checksum from scratch and drops mismatches.
public static unsafe class RecomputesHeaderChecksum
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->HeaderLength != 20)
            return XdpAction.Pass;
        ushort stored = ip->Checksum;
        ip->Checksum = 0;
        ushort computed = Checksum.OfIPv4Header(ip);
        ip->Checksum = stored;
        return computed == stored ? XdpAction.Pass : XdpAction.Drop;
    }
}

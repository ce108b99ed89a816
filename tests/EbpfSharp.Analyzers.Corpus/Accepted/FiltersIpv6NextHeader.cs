using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Drops IPv6 packets carrying a routing header.
public static unsafe class FiltersIpv6NextHeader
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv6)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv6Header* ip6))
            return XdpAction.Drop;
        return ip6->NextHeader == IPProtocol.IPv6Routing ? XdpAction.Drop : XdpAction.Pass;
    }
}

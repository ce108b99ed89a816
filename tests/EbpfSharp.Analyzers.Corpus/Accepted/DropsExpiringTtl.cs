using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Drops IPv4 packets whose TTL would expire.
public static unsafe class DropsExpiringTtl
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Drop;
        return ip->Ttl <= 1 ? XdpAction.Drop : XdpAction.Pass;
    }
}

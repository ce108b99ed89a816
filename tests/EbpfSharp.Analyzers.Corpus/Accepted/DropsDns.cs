using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Drops UDP to port 53.
public static unsafe class DropsDns
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->Protocol != IPProtocol.Udp)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out UdpHeader* udp))
            return XdpAction.Drop;
        return udp->DestinationPort == 53 ? XdpAction.Drop : XdpAction.Pass;
    }
}

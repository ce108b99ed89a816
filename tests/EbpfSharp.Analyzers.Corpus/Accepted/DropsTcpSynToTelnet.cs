using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Drops TCP SYNs to port 23.
public static unsafe class DropsTcpSynToTelnet
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->Protocol != IPProtocol.Tcp)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out TcpHeader* tcp))
            return XdpAction.Pass;
        return tcp->IsSyn && !tcp->IsAck && tcp->DestinationPort == 23 ? XdpAction.Drop : XdpAction.Pass;
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Basics;

/// <summary>The README's example, kept here so it is compiled, loaded and run differentially like the rest.</summary>
public static unsafe class DnsFilter
{
    [Xdp]
    public static XdpAction DropDns(XdpContext ctx)
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

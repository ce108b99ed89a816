using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Drops ARP frames, parsed with TryGet.
public static unsafe class DropsArp
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Pass;
        return eth->EtherType == EtherType.Arp ? XdpAction.Drop : XdpAction.Pass;
    }
}

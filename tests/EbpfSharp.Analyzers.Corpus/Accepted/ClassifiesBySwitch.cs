using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A switch on the protocol picks the verdict.
public static unsafe class ClassifiesBySwitch
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Aborted;
        switch (ip->Protocol)
        {
            case IPProtocol.Tcp:
            case IPProtocol.Udp:
                return XdpAction.Pass;
            case IPProtocol.Icmp:
                return ctx.Length > 1000 ? XdpAction.Drop : XdpAction.Pass;
            case IPProtocol.Esp:
            case IPProtocol.AuthenticationHeader:
                return XdpAction.Tx;
            default:
                return XdpAction.Drop;
        }
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Checks the Ethernet header, then reads the IPv4 header behind it.
public static unsafe class StepsPastCheckedHeader
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        var ip = (IPv4Header*)(eth + 1);
        return ip->Ttl <= 1 ? XdpAction.Drop : XdpAction.Pass; // EBPF0015
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Calls TryGet but uses the pointer whatever it returned.
public static unsafe class IgnoresTryGetResult
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ctx.TryGet(0, out EthernetHeader* eth);
        return eth->EtherType == EtherType.Arp ? XdpAction.Drop : XdpAction.Pass; // EBPF0015
    }
}

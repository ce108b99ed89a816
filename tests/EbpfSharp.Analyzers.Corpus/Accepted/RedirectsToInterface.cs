using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Redirects IPv6 to another interface.
public static unsafe class RedirectsToInterface
{
    private static readonly uint Target = 1;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv6)
            return XdpAction.Pass;
        return Bpf.Redirect(Target, 0);
    }
}

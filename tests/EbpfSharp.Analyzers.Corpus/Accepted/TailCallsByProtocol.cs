using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Dispatches to per-protocol programs through a program array.
public static unsafe class TailCallsByProtocol
{
    private static readonly ProgramArray Parsers = new(maxEntries: 256);

    [Xdp]
    public static XdpAction Dispatch(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        return Parsers.TailCall(ctx, ip->Protocol, XdpAction.Pass);
    }

    [Xdp]
    public static XdpAction Udp(XdpContext ctx) => ctx.Length > 512 ? XdpAction.Drop : XdpAction.Pass;
}

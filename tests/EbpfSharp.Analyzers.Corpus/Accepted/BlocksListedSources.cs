using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Drops sources listed in a hash map that the host fills.
public static unsafe class BlocksListedSources
{
    private static readonly HashMap<uint, byte> Blocked = new(maxEntries: 4096);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        byte* listed = Blocked.Lookup(ip->SourceAddress);
        return listed != null && *listed != 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

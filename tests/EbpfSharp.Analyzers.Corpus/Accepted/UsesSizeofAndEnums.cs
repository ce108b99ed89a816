using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Offsets from sizeof and an enum of verdicts.
public static unsafe class UsesSizeofAndEnums
{
    private enum Decision : byte
    {
        Allow = 2,
        Block = 1,
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int l4 = sizeof(EthernetHeader) + sizeof(IPv4Header);
        Decision decision = ctx.Length > l4 + sizeof(UdpHeader) ? Decision.Allow : Decision.Block;
        return (XdpAction)decision;
    }
}

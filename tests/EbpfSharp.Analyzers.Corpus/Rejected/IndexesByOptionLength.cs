using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Reads at a variable offset (the IPv4 header length) checked only for the fixed header.
public static unsafe class IndexesByOptionLength
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        byte* data = ctx.Data;
        byte firstOfPayload = data[14 + ip->HeaderLength]; // EBPF0015
        return firstOfPayload == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

using System.Numerics;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Counts TCP flag bits with BitOperations.PopCount.
public static unsafe class CountsBitsWithBcl
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 48 > ctx.DataEnd)
            return XdpAction.Pass;
        int flags = BitOperations.PopCount(data[47]); // EBPF0012
        return flags > 3 ? XdpAction.Drop : XdpAction.Pass;
    }
}

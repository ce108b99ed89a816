namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Dereferences ctx.Data with no bounds check.
public static unsafe class ReadsFirstByteUnchecked
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte first = *ctx.Data; // EBPF0015
        return (first & 1) != 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

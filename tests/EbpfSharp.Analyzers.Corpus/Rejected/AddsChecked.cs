namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Adds headroom with a checked expression.
public static unsafe class AddsChecked
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int total = checked(ctx.Length + 100); // EBPF0011
        return total > 1600 ? XdpAction.Drop : XdpAction.Pass;
    }
}

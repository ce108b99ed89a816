namespace EbpfSharp.Analyzers.Corpus.Rejected;

// An XDP program with a second parameter.
public static unsafe class TakesExtraParameter
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx, int limit) => ctx.Length > limit ? XdpAction.Drop : XdpAction.Pass; // EBPF0022
}

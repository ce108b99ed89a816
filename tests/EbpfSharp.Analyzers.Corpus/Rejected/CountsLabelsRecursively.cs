namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Sums bytes with direct recursion.
public static unsafe class CountsLabelsRecursively
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx) => Depth(ctx.Length) > 3 ? XdpAction.Pass : XdpAction.Drop;

    private static int Depth(int n) => n <= 0 ? 0 : 1 + Depth(n - 64); // EBPF0013
}

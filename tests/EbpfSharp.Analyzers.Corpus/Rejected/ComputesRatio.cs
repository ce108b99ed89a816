namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Divides by a double.
public static unsafe class ComputesRatio
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        double ratio = ctx.Length / 1500.0; // EBPF0009
        return ratio > 0.5 ? XdpAction.Pass : XdpAction.Drop;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Scales a length by a float factor.
public static unsafe class ScalesByFloat
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int budget = (int)(ctx.Length * 0.75f); // EBPF0009
        return budget > 100 ? XdpAction.Pass : XdpAction.Drop;
    }
}

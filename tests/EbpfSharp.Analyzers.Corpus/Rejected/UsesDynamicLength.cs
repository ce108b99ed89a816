namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Holds the length in a dynamic local.
public static unsafe class UsesDynamicLength
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        dynamic length = ctx.Length; // EBPF0010
        return length > 64 ? XdpAction.Pass : XdpAction.Drop;
    }
}

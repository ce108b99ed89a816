namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Calls the virtual GetHashCode on the context.
public static unsafe class HashesContext
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        return ctx.GetHashCode() % 2 == 0 ? XdpAction.Drop : XdpAction.Pass; // EBPF0006
    }
}

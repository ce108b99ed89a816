namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A generic program method.
public static unsafe class GenericProgram
{
    [Xdp]
    public static XdpAction Run<T>(XdpContext ctx) where T : unmanaged => sizeof(T) < ctx.Length ? XdpAction.Pass : XdpAction.Drop; // EBPF0022
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// An XDP program that takes a raw tracepoint context.
public static unsafe class XdpTakesTracepointContext
{
    [Xdp]
    public static XdpAction Run(RawTracepointContext ctx) => ctx.Arg(0) == 0 ? XdpAction.Pass : XdpAction.Drop; // EBPF0022
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A raw tracepoint that returns an XdpAction.
public static unsafe class TracepointReturnsVerdict
{
    [RawTracepoint("sys_enter")]
    public static XdpAction Run(RawTracepointContext ctx) => ctx.Arg(1) == 0 ? XdpAction.Pass : XdpAction.Drop; // EBPF0022
}

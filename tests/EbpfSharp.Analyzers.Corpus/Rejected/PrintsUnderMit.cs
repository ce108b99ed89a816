namespace EbpfSharp.Analyzers.Corpus.Rejected;

// bpf_trace_printk (GPL-only) in an MIT-licensed object.
[License("MIT")]
public static unsafe class PrintsUnderMit
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Bpf.Printk("length %d\n", (ulong)ctx.Length); // EBPF0019
        return XdpAction.Pass;
    }
}

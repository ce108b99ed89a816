namespace EbpfSharp.Analyzers.Corpus.Rejected;

// bpf_trace_printk in a proprietary object.
[License("Proprietary")]
public static unsafe class PrintsUnderProprietary
{
    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx)
    {
        Bpf.Printk("syscall %d\n", ctx.Arg(1)); // EBPF0019
        return 0;
    }
}

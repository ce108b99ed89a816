namespace EbpfSharp.Analyzers.Corpus.Rejected;

// bpf_csum_diff in a raw tracepoint.
public static unsafe class ChecksumsInTracepoint
{
    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx)
    {
        uint before = (uint)ctx.Arg(1);
        uint after = (uint)ctx.Arg(2);
        long sum = Bpf.CsumDiff(&before, 4, &after, 4, 0); // EBPF0018
        return sum == 0 ? 0 : 1;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// bpf_get_stackid (GPL-only) in an Apache-licensed object.
[License("Apache-2.0")]
public static unsafe class StacksUnderApache
{
    private static readonly StackTraceMap Stacks = new(maxEntries: 1024);

    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx)
    {
        long id = Stacks.GetStackId(ctx); // EBPF0019
        return id < 0 ? 1 : 0;
    }
}

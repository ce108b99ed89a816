namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Printk of raw tracepoint arguments.
public static unsafe class PrintsSyscallArguments
{
    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx)
    {
        if (ctx.Arg(1) == 59)
            Bpf.Printk("execve by %u\n", Bpf.GetCurrentPidTgid() >> 32);
        return 0;
    }
}

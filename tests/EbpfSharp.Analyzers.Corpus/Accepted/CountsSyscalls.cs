namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Counts system calls by number in a raw tracepoint.
public static unsafe class CountsSyscalls
{
    private static readonly HashMap<ulong, ulong> Calls = new(maxEntries: 512);

    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx)
    {
        ulong number = ctx.Arg(1);
        ulong* count = Calls.Lookup(number);
        if (count == null)
            Calls.Update(number, 1);
        else
            *count += 1;
        return 0;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Counts kernel stacks at a tracepoint with a stack trace map.
public static unsafe class CollectsStackTraces
{
    private static readonly StackTraceMap Stacks = new(maxEntries: 1024);
    private static readonly HashMap<long, ulong> Counts = new(maxEntries: 1024);

    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx)
    {
        long id = Stacks.GetStackId(ctx, StackTraceFlags.None);
        if (id < 0)
            return 0;
        ulong* count = Counts.Lookup(id);
        if (count == null)
            Counts.Update(id, 1);
        else
            *count += 1;
        return 0;
    }
}

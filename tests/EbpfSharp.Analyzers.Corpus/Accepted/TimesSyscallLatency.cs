namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Times system calls per thread between sys_enter and sys_exit.
public static unsafe class TimesSyscallLatency
{
    private static readonly HashMap<ulong, ulong> Started = new(maxEntries: 4096);
    private static readonly ArrayMap<ulong> Histogram = new(maxEntries: 32);

    [RawTracepoint("sys_enter")]
    public static int Enter(RawTracepointContext ctx)
    {
        Started.Update(Bpf.GetCurrentPidTgid(), Bpf.KtimeGetNs());
        return 0;
    }

    [RawTracepoint("sys_exit")]
    public static int Exit(RawTracepointContext ctx)
    {
        ulong thread = Bpf.GetCurrentPidTgid();
        ulong* start = Started.Lookup(thread);
        if (start == null)
            return 0;
        ulong elapsed = Bpf.KtimeGetNs() - *start;
        Started.Delete(thread);
        uint bucket = 0;
        for (int i = 0; i < 31; i++)
        {
            if (elapsed < 2)
                break;
            elapsed >>= 1;
            bucket++;
        }
        ulong* slot = Histogram.Lookup(bucket);
        if (slot != null)
            *slot += 1;
        return 0;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// bpf_ktime_get_coarse_ns in a tracepoint program: only the networking program types have it.
public static unsafe class ReadsCoarseClockInTracepoint
{
    public struct SchedSwitch
    {
        public TraceEntry Common;
        public fixed byte PrevComm[16];
        public int PrevPid;
    }

    private static readonly ArrayMap<ulong> LastSwitch = new(maxEntries: 1);

    [Tracepoint("sched", "sched_switch")]
    public static int Run(SchedSwitch* args)
    {
        LastSwitch.Update(0, Bpf.KtimeGetCoarseNs() + (ulong)args->PrevPid); // EBPF0018
        return 0;
    }
}

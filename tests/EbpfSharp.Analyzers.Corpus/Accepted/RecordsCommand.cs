namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Copies the current command name into a ring buffer record.
public static unsafe class RecordsCommand
{
    private struct Exec
    {
        public ulong PidTgid;
        public fixed byte Command[16];
    }

    private static readonly RingBuffer<Exec> Execs = new(sizeBytes: 16 * 1024);

    [RawTracepoint("sched_process_exec")]
    public static int Run(RawTracepointContext ctx)
    {
        Exec* record = Execs.Reserve();
        if (record == null)
            return 0;
        record->PidTgid = Bpf.GetCurrentPidTgid();
        Bpf.GetCurrentComm(record->Command, 16);
        Execs.Submit(record);
        return 0;
    }
}

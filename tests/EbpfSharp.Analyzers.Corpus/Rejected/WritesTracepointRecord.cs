namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Clears a field of the tracepoint's record: a tracepoint program may only read its context.
public static unsafe class WritesTracepointRecord
{
    public struct SysEnter
    {
        public TraceEntry Common;
        public long Id;
        public fixed ulong Args[6];
    }

    [Tracepoint("raw_syscalls", "sys_enter")]
    public static int Run(SysEnter* args)
    {
        if (args->Id == 59)
            args->Args[0] = 0; // EBPF0025
        return 0;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A tracepoint program with a second parameter: its only context is the record.
public static unsafe class TracepointTakesTwoRecords
{
    public struct SysEnter
    {
        public TraceEntry Common;
        public long Id;
    }

    [Tracepoint("raw_syscalls", "sys_enter")]
    public static int Run(SysEnter* args, long extra) => (int)(args->Id + extra); // EBPF0022
}

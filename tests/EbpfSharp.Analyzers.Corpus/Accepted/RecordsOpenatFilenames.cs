namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Copies the filename of each openat from the sys_enter_openat tracepoint's record into a ring buffer.
public static unsafe class RecordsOpenatFilenames
{
    // /sys/kernel/tracing/events/syscalls/sys_enter_openat/format
    public struct SysEnterOpenat
    {
        public TraceEntry Common;
        public int SyscallNumber;
        public int Padding;
        public long Dfd;
        public byte* Filename;
        public long Flags;
        public long Mode;
    }

    public struct OpenEvent
    {
        public long Flags;
        public fixed byte Name[64];
    }

    private static readonly RingBuffer<OpenEvent> Events = new(sizeBytes: 16384);
    private static readonly StackTraceMap Stacks = new(maxEntries: 64);

    [Tracepoint("syscalls", "sys_enter_openat")]
    public static int OnOpenat(SysEnterOpenat* args)
    {
        OpenEvent* record = Events.Reserve();
        if (record == null)
            return 0;
        record->Flags = args->Flags + Stacks.GetStackId(args);
        Bpf.ProbeReadUserString(record->Name, 64, args->Filename);
        Events.Submit(record);
        return 0;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Reports each vfs_read return value to a ring buffer from a kretprobe, and the instruction pointer from a second one.
public static unsafe class ReportsReadResults
{
    public struct ReadResult
    {
        public uint Process;
        public long Result;
    }

    private static readonly RingBuffer<ReadResult> Results = new(sizeBytes: 4096);
    private static readonly ArrayMap<ulong> LastAddress = new(maxEntries: 1);

    [Kretprobe("vfs_read")]
    public static int OnReturn(long result)
    {
        if (result < 0)
            return 0;
        Results.Output(new ReadResult { Process = (uint)(Bpf.GetCurrentPidTgid() >> 32), Result = result });
        return 0;
    }

    [Kretprobe("vfs_write")]
    public static int OnWriteReturn(PtRegs* regs, long result)
    {
        LastAddress.Update(0, regs->InstructionPointer + (ulong)result);
        return 0;
    }
}

using System.Threading;

namespace EbpfSharp.Generated.Tests.Programs;

/// <summary>
/// The design's OpenSnoop with a tracepoint instead of the kprobe (kernels without CONFIG_KPROBES have tracepoints),
/// plus probes on the C library's getpid, for the generated KprobeProgram, UprobeProgram and TracepointProgram.
/// </summary>
public static unsafe partial class OpenSnoop
{
    public struct OpenEvent
    {
        public uint Pid;
        public int Flags;
        public fixed byte Path[64];
    }

    /// <summary>The record of syscalls/sys_enter_openat (tracefs events/syscalls/sys_enter_openat/format).</summary>
    public struct OpenatEnter
    {
        public TraceEntry Common;
        public int SyscallNumber;
        public long Dfd;
        public byte* Filename;
        public long Flags;
        public long Mode;
    }

    internal static readonly uint WatchedProcess = 0;

    static readonly RingBuffer<OpenEvent> Events = new(sizeBytes: 64 * 1024);

    internal static ulong Dropped;
    internal static ulong GetPidCalls;
    internal static ulong GetPidReturns;
    internal static ulong KprobeHandlerRuns;

    [Tracepoint("syscalls", "sys_enter_openat")]
    public static int OnOpen(OpenatEnter* ctx)
    {
        uint pid = (uint)(Bpf.GetCurrentPidTgid() >> 32);
        if (pid != WatchedProcess)
            return 0;
        OpenEvent* e = Events.Reserve();
        if (e == null)
        {
            Interlocked.Increment(ref Dropped);   // the ring is full: the program sees the drop, the reader does not
            return 0;
        }
        e->Pid = pid;
        e->Flags = (int)ctx->Flags;
        Bpf.ProbeReadUserString(e->Path, 64, ctx->Filename);
        Events.Submit(e);
        return 0;
    }

    [Uprobe]
    public static int OnGetPid(PtRegs* regs)
    {
        if ((uint)(Bpf.GetCurrentPidTgid() >> 32) == WatchedProcess)
            Interlocked.Increment(ref GetPidCalls);
        return 0;
    }

    [Uretprobe]
    public static int OnGetPidReturn(int result)
    {
        if ((uint)result == WatchedProcess)
            Interlocked.Increment(ref GetPidReturns);
        return 0;
    }

    [Kprobe("do_sys_openat2")]
    public static int OnOpenKprobe(int dfd, byte* filename)
    {
        if ((uint)(Bpf.GetCurrentPidTgid() >> 32) == WatchedProcess)
            Interlocked.Increment(ref KprobeHandlerRuns);
        return 0;
    }
}

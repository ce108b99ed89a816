using System.Runtime.InteropServices;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Counts system calls by number (raw tracepoint sys_enter: argument 1 is the id) in a hash map: insert on the
/// first call, atomic increment after. The harness runs it with test-run contexts. Twin: c/syscall_counter.c.
/// </summary>
public static unsafe class SyscallCounter
{
    static readonly HashMap<uint, ulong> Calls = new(maxEntries: 1024);

    [RawTracepoint("sys_enter")]
    public static int CountSyscalls(RawTracepointContext ctx)
    {
        uint id = (uint)ctx.Arg(1);
        ulong* count = Calls.Lookup(id);
        if (count == null)
        {
            Calls.Update(id, 1, MapUpdateFlags.NoExist);
            return 0;
        }
        Interlocked.Increment(ref *count);
        return 0;
    }
}

/// <summary>
/// Counts failing system calls by errno (raw tracepoint sys_exit: argument 1 is the return value) in an array
/// of 512; larger errnos count in slot 0. Twin: c/syscall_errors.c.
/// </summary>
public static unsafe class SyscallErrors
{
    const uint Slots = 512;

    static readonly ArrayMap<ulong> Errors = new(maxEntries: (int)Slots);

    [RawTracepoint("sys_exit")]
    public static int CountErrors(RawTracepointContext ctx)
    {
        long result = (long)ctx.Arg(1);
        if (result >= 0)
            return 0;
        ulong errno = (ulong)-result;
        ulong* count = Errors.Lookup(errno < Slots ? (uint)errno : 0);
        if (count != null)
            Interlocked.Increment(ref *count);
        return 0;
    }
}

/// <summary>The syscalls/sys_enter_openat record (from its format file).</summary>
[StructLayout(LayoutKind.Explicit, Size = 48)]
public unsafe struct SysEnterOpenat
{
    [FieldOffset(0)] public TraceEntry Common;
    [FieldOffset(8)] public int SyscallNr;
    [FieldOffset(16)] public ulong Dfd;
    [FieldOffset(24)] public byte* Filename;
    [FieldOffset(32)] public ulong Flags;
    [FieldOffset(40)] public ulong Mode;
}

/// <summary>An open as reported to user space.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct OpenEvent
{
    public uint Pid;
    public uint Tid;
    public ulong Flags;
    public fixed byte Comm[16];
    public fixed byte Path[256];
}

/// <summary>
/// samples/OpenSnoop's tracepoint handler: every openat as a ring buffer record with pid, flags, command and
/// path. Compared load-only (a tracepoint cannot be test-run). Twin: c/openat_snoop.c.
/// </summary>
public static unsafe class OpenatSnoop
{
    static readonly RingBuffer<OpenEvent> Events = new(sizeBytes: 256 * 1024);

    [Tracepoint("syscalls", "sys_enter_openat")]
    public static int OnOpenat(SysEnterOpenat* args)
    {
        ulong pidTgid = Bpf.GetCurrentPidTgid();
        OpenEvent* e = Events.Reserve();
        if (e == null)
            return 0;
        e->Pid = (uint)(pidTgid >> 32);
        e->Tid = (uint)pidTgid;
        e->Flags = args->Flags;
        Bpf.GetCurrentComm(e->Comm, 16);
        Bpf.ProbeReadUserString(e->Path, 256, args->Filename);
        Events.Submit(e);
        return 0;
    }
}

/// <summary>
/// A kprobe on do_unlinkat counting unlinks per process (tgid) in a hash map. Compared load-only (this kernel
/// has no kprobes to attach to, but loads kprobe programs). Twin: c/unlink_counter.c.
/// </summary>
public static unsafe class UnlinkCounter
{
    static readonly HashMap<uint, ulong> Unlinks = new(maxEntries: 1024);

    [Kprobe("do_unlinkat")]
    public static int OnUnlink(int dfd, ulong name)
    {
        uint tgid = (uint)(Bpf.GetCurrentPidTgid() >> 32);
        ulong* count = Unlinks.Lookup(tgid);
        if (count == null)
        {
            Unlinks.Update(tgid, 1, MapUpdateFlags.NoExist);
            return 0;
        }
        Interlocked.Increment(ref *count);
        return 0;
    }
}

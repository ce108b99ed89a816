using System.Runtime.InteropServices;
using System.Threading;
using EbpfSharp;

namespace OpenSnoopSample;

/// <summary>One open, as the program sends it to user space: the same struct on both sides.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe partial struct OpenEvent
{
    public uint Pid;
    public uint Tid;
    public long Flags;
    public fixed byte Comm[16];
    public fixed byte Path[256];
}

/// <summary>
/// The eBPF side, in C#. Two programs record the same event: <see cref="OnOpenat"/> at the
/// <c>syscalls/sys_enter_openat</c> tracepoint (its record struct, <see cref="SysEnterOpenat"/>, was written by
/// <c>ebpfsharp tracepoint syscalls/sys_enter_openat</c>), and <see cref="OnOpen"/>, a kprobe on
/// <c>do_sys_openat2</c> whose typed parameters are the kernel function's arguments. The host attaches one.
/// </summary>
public static unsafe partial class OpenSnoop
{
    /// <summary>Events to user space; the host reads them with the generated <c>Events.ReadAllAsync</c>.</summary>
    internal static readonly RingBuffer<OpenEvent> Events = new(sizeBytes: 256 * 1024);

    /// <summary>Config (.rodata), set between Open() and Load(): only this process's opens (0: every process).</summary>
    internal static readonly uint TargetPid = 0;

    /// <summary>Global (.bss): events lost because the ring buffer was full (the host reads it).</summary>
    internal static ulong Dropped;

    [Tracepoint("syscalls", "sys_enter_openat")]
    public static int OnOpenat(SysEnterOpenat* args) => Record(args->Filename, (long)args->Flags);

    /// <summary>long do_sys_openat2(int dfd, const char __user *filename, struct open_how *how)</summary>
    [Kprobe("do_sys_openat2")]
    public static int OnOpen(int dfd, byte* filename) => Record(filename, 0);

    private static int Record(byte* filename, long flags)
    {
        ulong pidTgid = Bpf.GetCurrentPidTgid();
        uint pid = (uint)(pidTgid >> 32);
        if (TargetPid != 0 && pid != TargetPid)
            return 0;
        OpenEvent* e = Events.Reserve();
        if (e == null)
        {
            Interlocked.Increment(ref Dropped);
            return 0;
        }
        e->Pid = pid;
        e->Tid = (uint)pidTgid;
        e->Flags = flags;
        Bpf.GetCurrentComm(e->Comm, 16);
        Bpf.ProbeReadUserString(e->Path, 256, filename);
        Events.Submit(e);
        return 0;
    }
}

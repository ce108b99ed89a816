using System.Runtime.InteropServices;
using System.Threading;
using EbpfSharp;

namespace ExecSnoopSample;

/// <summary>
/// The kernel's <c>struct task_struct</c>, declared with only the fields the program reads (CO-RE): the build records
/// each access as a relocation, and the runtime moves it to the running kernel's offsets when it loads the object.
/// </summary>
[KernelType("task_struct")]
public unsafe struct TaskStruct
{
    public int Tgid;
    public TaskStruct* RealParent;
}

/// <summary>One exec, as the program sends it to user space.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe partial struct ExecEvent
{
    public const int MaxArguments = 6;
    public const int ArgumentSize = 48;

    public uint Pid;
    public uint ParentPid;
    public uint Uid;
    public int ArgumentCount;
    public fixed byte Comm[16];
    public fixed byte Filename[128];
    public fixed byte Arguments[MaxArguments * ArgumentSize];
}

/// <summary>
/// The eBPF side: a tracepoint program on <c>syscalls/sys_enter_execve</c> (record struct written by
/// <c>ebpfsharp tracepoint syscalls/sys_enter_execve</c>).
/// </summary>
public static unsafe partial class ExecSnoop
{
    internal static readonly RingBuffer<ExecEvent> Events = new(sizeBytes: 256 * 1024);

    /// <summary>Global (.bss): events lost because the ring buffer was full.</summary>
    internal static ulong Dropped;

    [Tracepoint("syscalls", "sys_enter_execve")]
    public static int OnExecve(SysEnterExecve* args)
    {
        ExecEvent* e = Events.Reserve();
        if (e == null)
        {
            Interlocked.Increment(ref Dropped);
            return 0;
        }
        e->Pid = (uint)(Bpf.GetCurrentPidTgid() >> 32);
        e->Uid = (uint)Bpf.GetCurrentUidGid();
        // A CO-RE read: task->real_parent->tgid, at the offsets of the kernel the program runs on.
        var task = (TaskStruct*)Bpf.GetCurrentTask();
        e->ParentPid = (uint)task->RealParent->Tgid;
        Bpf.GetCurrentComm(e->Comm, 16);
        Bpf.ProbeReadUserString(e->Filename, 128, args->Filename);

        // argv is a user-space array of string pointers, ended by null.
        var argv = (byte**)args->Argv;
        int count = 0;
        for (int i = 0; i < ExecEvent.MaxArguments; i++)
        {
            byte* argument;
            if (Bpf.ProbeReadUser(&argument, 8, argv + i) != 0 || argument == null)
                break;
            Bpf.ProbeReadUserString(e->Arguments + i * ExecEvent.ArgumentSize, ExecEvent.ArgumentSize, argument);
            count++;
        }
        e->ArgumentCount = count;
        Events.Submit(e);
        return 0;
    }
}

using EbpfSharp;

namespace EbpfSharp.Generated.Tests.Programs;

/// <summary><c>struct task_struct</c>, with only what <see cref="CurrentTask"/> reads (CO-RE).</summary>
[KernelType("task_struct")]
public unsafe struct TaskStruct
{
    public int Pid;
    public int Tgid;
    public TaskStruct* RealParent;
}

/// <summary>Reads the current task's ids with CO-RE: the offsets are moved to the running kernel's when it loads.</summary>
public static unsafe partial class CurrentTask
{
    internal static int Pid;
    internal static int Tgid;
    internal static int ParentTgid;

    [RawTracepoint("sys_enter")]
    public static int Read(RawTracepointContext ctx)
    {
        var task = (TaskStruct*)Bpf.GetCurrentTask();
        Pid = task->Pid;
        Tgid = task->Tgid;
        ParentTgid = task->RealParent->Tgid;
        return 0;
    }
}

using EbpfSharp;

namespace EbpfSharp.Compiler.Tests.Programs;

// Kernel types as a CO-RE program declares them: only the members it reads, named as in the kernel (x86-64 6.x).

[KernelType("task_struct")]
public unsafe struct TaskStruct
{
    public int Pid;
    public int Tgid;
    public TaskStruct* RealParent;
    public fixed byte Comm[16];
    [KernelName("loginuid")] public KernelUid LoginUid;
    public ThreadStruct Thread;
    [KernelName("__state")] public uint State;
    [KernelName("no_such_member_in_any_kernel")] public int Missing;
}

[KernelType("kuid_t")]
public struct KernelUid
{
    public uint Val;
}

[KernelType("thread_struct")]
public struct ThreadStruct
{
    public ulong Sp;
}

[KernelType("pid_type")]
public enum PidType
{
    PIDTYPE_PID,
    PIDTYPE_TGID,
    [KernelName("PIDTYPE_PGID")] ProcessGroup,
    PIDTYPE_SID,
    [KernelName("PIDTYPE_NO_SUCH_VALUE")] Missing = 42,
}

[KernelType("no_such_type_in_any_kernel")]
public struct MissingKernelType
{
    public long Value;
}

// One read or Core question per program, for golden instructions and relocation records.
public static unsafe class CoreShapes
{
    [RawTracepoint("sys_enter")]
    public static int Pid(RawTracepointContext ctx) => ((TaskStruct*)Bpf.GetCurrentTask())->Pid;

    [RawTracepoint("sys_enter")]
    public static int ParentTgid(RawTracepointContext ctx) => ((TaskStruct*)Bpf.GetCurrentTask())->RealParent->Tgid;

    [RawTracepoint("sys_enter")]
    public static int CommByte(RawTracepointContext ctx) => ((TaskStruct*)Bpf.GetCurrentTask())->Comm[3];

    [RawTracepoint("sys_enter")]
    public static int CommAt(RawTracepointContext ctx) => ((TaskStruct*)Bpf.GetCurrentTask())->Comm[(int)ctx.Arg(1) & 15];

    [RawTracepoint("sys_enter")]
    public static int StackPointer(RawTracepointContext ctx) => (int)((TaskStruct*)Bpf.GetCurrentTask())->Thread.Sp;

    [RawTracepoint("sys_enter")]
    public static int LoginUid(RawTracepointContext ctx) => (int)((TaskStruct*)Bpf.GetCurrentTask())->LoginUid.Val;

    [RawTracepoint("sys_enter")]
    public static int HasState(RawTracepointContext ctx) => Core.FieldExists(&((TaskStruct*)Bpf.GetCurrentTask())->State) ? 1 : 0;

    [RawTracepoint("sys_enter")]
    public static int HasTask(RawTracepointContext ctx) => Core.TypeExists<TaskStruct>() ? 1 : 0;

    [RawTracepoint("sys_enter")]
    public static int TaskSize(RawTracepointContext ctx) => (int)Core.TypeSize<TaskStruct>();

    [RawTracepoint("sys_enter")]
    public static int HasGroup(RawTracepointContext ctx) => Core.EnumValueExists(PidType.ProcessGroup) ? 1 : 0;

    [RawTracepoint("sys_enter")]
    public static int GroupValue(RawTracepointContext ctx) => (int)Core.EnumValue(PidType.ProcessGroup);
}

// Every kind of CO-RE access in one program, for libbpf to relocate against the running kernel and run.
public static unsafe class CoreReads
{
    static readonly ArrayMap<long> Results = new(maxEntries: 16);

    [RawTracepoint("sys_enter")]
    public static int Read(RawTracepointContext ctx)
    {
        var task = (TaskStruct*)Bpf.GetCurrentTask();
        Results.Update(0, task->Pid);
        Results.Update(1, task->Tgid);
        Results.Update(2, task->RealParent->Tgid);
        Results.Update(3, task->Comm[0]);
        Results.Update(4, task->Comm[1]);
        Results.Update(5, task->Thread.Sp != 0 ? 1 : 0);
        Results.Update(6, task->LoginUid.Val);
        Results.Update(7, Core.FieldExists(&task->State) ? 1 : 0);
        Results.Update(8, Core.FieldExists(&task->Missing) ? 1 : 0);
        Results.Update(9, Core.TypeExists<TaskStruct>() ? 1 : 0);
        Results.Update(10, Core.TypeExists<MissingKernelType>() ? 1 : 0);
        Results.Update(11, Core.TypeSize<ThreadStruct>());
        Results.Update(12, Core.EnumValueExists(PidType.ProcessGroup) ? 1 : 0);
        Results.Update(13, Core.EnumValueExists(PidType.Missing) ? 1 : 0);
        Results.Update(14, Core.EnumValue(PidType.PIDTYPE_SID));
        if (Core.FieldExists(&task->Missing))
            Results.Update(15, task->Missing);
        return 0;
    }
}

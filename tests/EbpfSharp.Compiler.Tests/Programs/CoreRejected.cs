using EbpfSharp;

namespace EbpfSharp.Compiler.Tests.Programs;

// Each class holds one CO-RE misuse the compiler must refuse, on a line the tests look for.

public static unsafe class WritesKernelField
{
    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx)
    {
        var task = (TaskStruct*)Bpf.GetCurrentTask();
        task->Pid = 1; // EBPF1025
        return 0;
    }
}

public static unsafe class CopiesKernelStruct
{
    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx)
    {
        var task = (TaskStruct*)Bpf.GetCurrentTask();
        TaskStruct copy = *task; // EBPF1026
        return copy.Pid;
    }
}

public static unsafe class AsksFieldExistsOfLocal
{
    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx)
    {
        int local = 0;
        return Core.FieldExists(&local) ? 1 : 0; // EBPF1027
    }
}

public static unsafe class AsksSizeOfPlainStruct
{
    public struct Plain { public long Value; }

    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx) => (int)Core.TypeSize<Plain>(); // EBPF1027
}

public static unsafe class DeclaresBadKernelType
{
    public struct Plain { public long Value; }

    [KernelType("sk_buff")]
    public struct SocketBuffer { public uint Len; public Plain Inner; }

    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx) => (int)((SocketBuffer*)ctx.Arg(0))->Len; // EBPF1028
}

public static unsafe class AsksVariableEnumerator
{
    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx) => (int)Core.EnumValue((PidType)ctx.Arg(0)); // EBPF1029
}

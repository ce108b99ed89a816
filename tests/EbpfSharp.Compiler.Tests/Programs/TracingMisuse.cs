using EbpfSharp;

namespace EbpfSharp.Compiler.Tests.Programs;

// Each class holds one mistake in a tracing program, on a line the tests look for.

public static unsafe class ArgumentIndexNotConstant
{
    static readonly ArrayMap<ulong> Out = new(maxEntries: 1);

    [Kprobe("f")]
    public static int Run(PtRegs* regs)
    {
        ulong sum = 0;
        for (int i = 0; i < 3; i++)
            sum += regs->Arg(i); // EBPF1020
        Out.Update(0, sum);
        return 0;
    }
}

public static unsafe class ArgumentIndexOutOfRange
{
    [Uprobe]
    public static int Run(PtRegs* regs)
    {
        return (int)regs->Arg(8); // EBPF1021
    }
}

public static unsafe class WritesRegisters
{
    [Kprobe("f")]
    public static int Run(PtRegs* regs)
    {
        ulong* raw = (ulong*)regs;
        raw[14] = 0; // EBPF1022 registers
        return 0;
    }
}

public static unsafe class WritesTracepointRecord
{
    [Tracepoint("syscalls", "sys_enter_openat")]
    public static int Run(SysEnterOpenat* args)
    {
        args->Flags = 0; // EBPF1022 record
        return 0;
    }
}

public static unsafe class ReadsRecordAtVariableOffset
{
    [Tracepoint("syscalls", "sys_enter_openat")]
    public static int Run(SysEnterOpenat* args)
    {
        long* fields = &args->Dfd;
        int index = (int)(Bpf.GetCurrentPidTgid() & 3);
        return (int)fields[index]; // EBPF1023
    }
}

// Wrong shapes (EBPF1013), each with what the message must say.
public static unsafe class ShapeTooManyArguments
{
    [Kprobe("f")]
    public static int Run(long a, long b, long c, long d, long e, long f, long g) => (int)(a + b + c + d + e + f + g);
}

public static unsafe class ShapeReturnProbeTwoValues
{
    [Kretprobe("f")]
    public static int Run(long result, long other) => 0;
}

public static unsafe class ShapeTracepointNotStructPointer
{
    [Tracepoint("syscalls", "sys_enter_openat")]
    public static int Run(ulong* args) => 0;
}

public static unsafe class ShapeEmptyFunction
{
    [Fentry("")]
    public static int Run(int a) => 0;
}

public static unsafe class ShapeRegistersNotFirst
{
    [Kprobe("f")]
    public static int Run(int a, PtRegs* regs) => 0;
}

public static unsafe class ShapeFentryRegisters
{
    [Fentry("do_unlinkat")]
    public static int Run(PtRegs* regs) => 0;
}

public static unsafe class ShapeFloatArgument
{
    [Uprobe]
    public static int Run(double value) => 0;
}

public static unsafe class ShapeReturnsVoid
{
    [Tracepoint("syscalls", "sys_enter_openat")]
    public static void Run(SysEnterOpenat* args)
    {
    }
}

public static unsafe class ShapeEmptySymbol
{
    [Uprobe("libc.so.6", "")]
    public static int Run(PtRegs* regs) => 0;
}

public static unsafe class ShapeBadTracepointName
{
    [Tracepoint("syscalls", "sys_enter/openat")]
    public static int Run(SysEnterOpenat* args) => 0;
}

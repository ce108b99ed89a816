using EbpfSharp;

namespace EbpfSharp.Compiler.Tests.Programs;

// Tracing programs of every kind, loaded into the verifier and (probes, tracepoints) run.

/// <summary>What the probes of <see cref="ProbeArguments"/> record, one slot per program.</summary>
public struct RecordedCall
{
    public int A;
    public long B;
    public byte C;
    public short D;
    public ulong E;
    public ulong F;
    public ulong Raw0;
    public long Result;
    public ulong Calls;
}

// Handlers for a native function `long ebpfsharp_arguments(int a, long b, unsigned char c, short d, void *e, unsigned long f)`.
public static unsafe class ProbeArguments
{
    static readonly ArrayMap<RecordedCall> Calls = new(maxEntries: 4);

    [Uprobe]
    public static int OnEntry(int a, long b, byte c, short d, void* e, ulong f)
    {
        RecordedCall* call = Calls.Lookup(0);
        if (call == null) return 0;
        call->A = a;
        call->B = b;
        call->C = c;
        call->D = d;
        call->E = (ulong)e;
        call->F = f;
        call->Calls++;
        return 0;
    }

    // A kprobe handler attached to user code: the same program type, the same registers.
    [Kprobe("ebpfsharp_arguments")]
    public static int OnEntryAsKprobe(PtRegs* regs, int a, long b, byte c, short d)
    {
        RecordedCall* call = Calls.Lookup(1);
        if (call == null) return 0;
        call->A = a;
        call->B = b;
        call->C = c;
        call->D = d;
        call->Raw0 = regs->Arg(0);
        call->E = regs->Arg(4);
        call->F = regs->Arg(5);
        call->Calls++;
        return 0;
    }

    [Uretprobe]
    public static int OnReturn(long result)
    {
        RecordedCall* call = Calls.Lookup(2);
        if (call == null) return 0;
        call->Result = result;
        call->Calls++;
        return 0;
    }

    [Kretprobe("ebpfsharp_arguments")]
    public static int OnReturnAsKretprobe(PtRegs* regs)
    {
        RecordedCall* call = Calls.Lookup(3);
        if (call == null) return 0;
        call->Result = (long)regs->ReturnValue;
        call->Raw0 = regs->InstructionPointer;
        call->E = regs->StackPointer;
        call->Calls++;
        return 0;
    }
}

// Every kind's shapes, for the verifier (and the section names).
public static unsafe class TracingKinds
{
    static readonly ArrayMap<ulong> Seen = new(maxEntries: 16);
    static readonly StackTraceMap Stacks = new(maxEntries: 16);

    [Kprobe("do_unlinkat")]
    public static int KprobeRegisters(PtRegs* regs)
    {
        Seen.Update(0, regs->Arg(0) + regs->FramePointer);
        Seen.Update(1, (ulong)Stacks.GetStackId(regs));
        return 0;
    }

    [Kprobe("do_unlinkat", Offset = 4)]
    public static int KprobeTyped(int dfd, void* name)
    {
        Seen.Update(2, (ulong)dfd + (ulong)name);
        return 0;
    }

    [Kretprobe("do_unlinkat")]
    public static int KretprobeTyped(PtRegs* regs, int result)
    {
        Seen.Update(3, (ulong)result + regs->InstructionPointer);
        return 0;
    }

    [Uprobe("libc.so.6", "malloc")]
    public static long UprobeTyped(ulong size)
    {
        Seen.Update(4, size);
        return 0;
    }

    [Uretprobe("/usr/lib/libc.so.6", "malloc")]
    public static int UretprobeRegisters(PtRegs* regs)
    {
        Seen.Update(5, regs->ReturnValue);
        return 0;
    }

    [Tracepoint("syscalls", "sys_enter_openat")]
    public static int TracepointRecord(SysEnterOpenat* args)
    {
        Seen.Update(6, (ulong)args->Filename + (ulong)args->Flags);
        Seen.Update(7, (ulong)Stacks.GetStackId(args));
        return 0;
    }

    [Kprobe("do_sys_openat2")]
    public static int ProbeHelpers(PtRegs* regs)
    {
        byte* buffer = stackalloc byte[32];
        Bpf.ProbeReadUserString(buffer, 32, (void*)regs->Arg(1));
        ulong task = Bpf.GetCurrentTask();
        ulong value;
        Bpf.ProbeReadKernel(&value, 8, (void*)task);
        Bpf.ProbeReadKernelString(buffer, 32, (void*)task);
        Bpf.ProbeReadUser(&value, 8, (void*)regs->StackPointer);
        Seen.Update(10, value + buffer[0]);
        if (value == 12345) Bpf.SendSignal(10);
        if (value == 54321) Bpf.SendSignalThread(12);
        return 0;
    }
}

/// <summary>syscalls/sys_enter_openat's record (/sys/kernel/tracing/events/syscalls/sys_enter_openat/format).</summary>
public unsafe struct SysEnterOpenat
{
    public TraceEntry Entry;
    public int SyscallNumber;
    public long Dfd;
    public byte* Filename;
    public long Flags;
    public long Mode;
}

/// <summary>A path a thread opened, as sys_enter_openat saw it.</summary>
public unsafe struct OpenedPath
{
    public long Length;
    public fixed byte Path[256];
}

// A tracepoint program reading a user string through its record: the last path each thread of one process opened.
public static unsafe class OpenatRecorder
{
    static readonly ArrayMap<uint> TargetProcess = new(maxEntries: 1);
    static readonly HashMap<uint, OpenedPath> Paths = new(maxEntries: 64);

    [Tracepoint("syscalls", "sys_enter_openat")]
    public static int OnOpenat(SysEnterOpenat* args)
    {
        ulong pidTgid = Bpf.GetCurrentPidTgid();
        uint* target = TargetProcess.Lookup(0);
        if (target == null || *target != (uint)(pidTgid >> 32)) return 0;
        uint thread = (uint)pidTgid;
        var empty = default(OpenedPath);
        Paths.Update(thread, empty);
        OpenedPath* path = Paths.Lookup(thread);
        if (path == null) return 0;
        path->Length = Bpf.ProbeReadUserString(path->Path, 256, args->Filename);
        return 0;
    }
}

// Small programs whose instructions the tests pin down.
public static unsafe class TracingShapes
{
    static readonly ArrayMap<ulong> Out = new(maxEntries: 8);

    [Kprobe("f")]
    public static int SixArguments(long a, ulong b, int c, uint d, short e, byte f)
    {
        Out.Update(0, (ulong)a + b + (ulong)c + d + (ulong)e + f);
        return 0;
    }

    [Kprobe("f")]
    public static int SignedByte(sbyte value) => value;

    [Kprobe("f")]
    public static int Flag(bool on) => on ? 1 : 0;

    [Kprobe("f")]
    public static int SecondOnly(PtRegs* regs, int first, int second) => second;

    [Kprobe("f")]
    public static int Registers(PtRegs* regs)
    {
        Out.Update(0, regs->Arg(0));
        Out.Update(1, regs->Arg(5));
        Out.Update(2, regs->ReturnValue);
        Out.Update(3, regs->InstructionPointer);
        Out.Update(4, regs->StackPointer);
        Out.Update(5, regs->FramePointer);
        return 0;
    }

    [Kretprobe("f")]
    public static int Returned(long result) => (int)result;

    [Tracepoint("syscalls", "sys_enter_openat")]
    public static int RecordFlags(SysEnterOpenat* args) => (int)args->Flags;
}

// fentry and fexit: typed arguments from the trampoline's u64 slots (a separate object: they need the kernel's BTF).
public static unsafe class TrampolinePrograms
{
    static readonly ArrayMap<ulong> Seen = new(maxEntries: 4);

    [Fentry("do_unlinkat")]
    public static int FentryTyped(int dfd, ulong name)
    {
        Seen.Update(0, (ulong)dfd + name);
        return 0;
    }

    [Fexit("do_unlinkat")]
    public static int FexitTyped(int dfd, ulong name, int result)
    {
        Seen.Update(1, (ulong)result);
        return 0;
    }

    [Fexit("bpf_fentry_test2")]
    public static int Exit(int a, short b, long result) => (int)result + a + b;
}

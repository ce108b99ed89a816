using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EbpfSharp.Analyzers.Tests;

using static RuleAssert;

/// <summary>
/// The tracing program kinds: EBPF0022 for their signatures, EBPF0018 and EBPF0019 for their helper tables, and
/// EBPF0023 (kernel memory writes), EBPF0024 (PtRegs.Arg indexes), EBPF0025 (context writes).
/// </summary>
public sealed class TracingRuleTests
{
    private const string Records = """
        public unsafe struct SysEnterOpenat { public TraceEntry Common; public int SyscallNumber; public long Dfd; public byte* Filename; public fixed long Args[2]; }
        [KernelType("task_struct")]
        public unsafe struct TaskStruct { public int Pid; public int Tgid; public TaskStruct* RealParent; public fixed byte Comm[16]; public SchedEntity Se; }
        public struct SchedEntity { public ulong Vruntime; }
        public enum OpenFlags : uint { None = 0 }
        """;

    [Fact]
    public void Accepted_tracing_signatures_do_not_report_EBPF0022() =>
        Silent(Program("""
            [Kprobe("do_sys_openat2")]
            public static int Regs(PtRegs* regs) => 0;
            [Kprobe("do_sys_openat2", Offset = 4)]
            public static int Typed(int dfd, byte* filename, void* how, OpenFlags flags, bool b, nint n) => 0;
            [Kprobe("vfs_read")]
            public static long RegsThenTyped(PtRegs* regs, ulong file, byte* buffer) => 0;
            [Kretprobe("do_sys_openat2")]
            public static int Return(long result) => 0;
            [Kretprobe("do_sys_openat2")]
            public static uint ReturnRegs(PtRegs* regs, long result) => 0;
            [Kretprobe("do_sys_openat2")]
            public static int ReturnNothing() => 0;
            [Uprobe]
            public static int Anywhere(PtRegs* regs) => 0;
            [Uprobe("libc.so.6", "malloc", Offset = 8)]
            public static int Malloc(ulong size) => 0;
            [Uretprobe("/usr/lib/x86_64-linux-gnu/libc.so.6", "malloc")]
            public static ulong Malloced(void* result) => 0;
            [Uretprobe]
            public static int Returned(PtRegs* regs) => 0;
            [Tracepoint("syscalls", "sys_enter_openat")]
            public static int Openat(SysEnterOpenat* args) => 0;
            [Fentry("bpf_fentry_test1")]
            public static int Entered(int a) => 0;
            [Fentry("do_sys_openat2")]
            public static int EnteredMany(int dfd, byte* filename, ulong how, char c, ushort s, sbyte b, TaskStruct* task, OpenFlags f, bool x, ulong y, uint z, long w) => 0;
            [Fexit("bpf_fentry_test1")]
            public static int Exited(int a, int result) => 0;
            [Fexit("bpf_fentry_test1")]
            public static int ExitedQuietly() => 0;
            """, outside: Records));

    [Fact]
    public void Wrong_tracing_signatures_report_EBPF0022_at_the_part_that_does_not_fit()
    {
        string source = Program("""
            [Kprobe("vfs_read")]
            public static int Seven(long a, long b, long c, long d, long e, long f, long g) => 0;
            [Kretprobe("vfs_read")]
            public static int TwoResults(long a, long b) => 0;
            [Kprobe("vfs_read")]
            public static int RegsLater(long a, PtRegs* regs) => 0;
            [Kprobe("vfs_read")]
            public static int ByValue(SchedEntity entity) => 0;
            [Uprobe("libc.so.6", "malloc")]
            public static int ByReference(ref ulong size) => 0;
            [Kprobe("vfs_read")]
            public static void NoResult(PtRegs* regs) { }
            [Kprobe("")]
            public static int NoFunction(PtRegs* regs) => 0;
            [Uprobe("libc.so.6", "")]
            public static int NoSymbol(PtRegs* regs) => 0;
            [Tracepoint("sys-calls", "sys_enter_openat")]
            public static int BadCategory(SysEnterOpenat* args) => 0;
            [Tracepoint("syscalls", "sys_enter_openat")]
            public static int NotAPointer(long args) => 0;
            [Tracepoint("syscalls", "sys_enter_openat")]
            public static int Registers(PtRegs* regs) => 0;
            [Tracepoint("syscalls", "sys_enter_openat")]
            public static int TwoRecords(SysEnterOpenat* args, SysEnterOpenat* more) => 0;
            [Fentry("vfs_read")]
            public static int EntryRegs(PtRegs* regs) => 0;
            [Fexit("vfs_read")]
            public static int Floating(long a, double result) => 0;
            [Fexit("vfs_read")]
            public static int Fourteen(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j, long k, long l, long m, long n) => 0;
            [Fentry("vfs_read")]
            public static int Generic<T>(long a) => 0;
            """, outside: Records);
        Assert.Equal([
            "(long a, long b, long c, long d, long e, long f, long g)", "(long a, long b)", "PtRegs* regs", "SchedEntity entity",
            "ref ulong size", "void", "\"\"", "\"\"", "\"sys-calls\"", "long args", "PtRegs* regs",
            "(SysEnterOpenat* args, SysEnterOpenat* more)", "PtRegs* regs", "double result",
            "(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j, long k, long l, long m, long n)", "<T>",
        ], ReportedWith("EBPF0022", source, architecture: "x64"));
    }

    [Fact]
    public void Arm64_probes_read_eight_argument_registers()
    {
        string source = Program("""
            [Kprobe("vfs_read")]
            public static int Eight(PtRegs* regs, long a, long b, long c, long d, long e, long f, long g, long h) => (int)regs->Arg(7);
            """);
        Assert.Empty(ReportedWith("EBPF0022", source, architecture: "arm64"));
        Assert.Empty(ReportedWith("EBPF0024", source, architecture: "arm64"));
        Assert.Equal(["(PtRegs* regs, long a, long b, long c, long d, long e, long f, long g, long h)"], ReportedWith("EBPF0022", source, architecture: "x64"));
        Assert.Equal(["regs->Arg(7)"], ReportedWith("EBPF0024", source, architecture: "x64"));
    }

    [Fact]
    public void Packet_helpers_and_the_coarse_clock_in_tracing_programs_report_EBPF0018()
    {
        string source = Program("""
            [Kprobe("vfs_read")]
            public static int Probe1(PtRegs* regs) => (int)Bpf.Redirect(1, 0);
            [Kretprobe("vfs_read")]
            public static int Probe2(long result) => (int)Bpf.CsumDiff(null, 0, null, 0, 0);
            [Uprobe]
            public static int Probe3(PtRegs* regs) => (int)Bpf.KtimeGetCoarseNs();
            [Tracepoint("syscalls", "sys_enter_openat")]
            public static int Probe4(SysEnterOpenat* args) => (int)Bpf.KtimeGetCoarseNs();
            [Fentry("vfs_read")]
            public static int Probe5(long file) => (int)Bpf.Redirect(2, 0);
            [Fexit("vfs_read")]
            public static int Probe6(long file, long result) => (int)Bpf.KtimeGetCoarseNs();
            [RawTracepoint("sys_enter")]
            public static int Probe7(RawTracepointContext ctx) => (int)Bpf.KtimeGetCoarseNs();
            """, outside: Records);
        Assert.Equal(["Bpf.Redirect(1, 0)", "Bpf.CsumDiff(null, 0, null, 0, 0)", "Bpf.KtimeGetCoarseNs()", "Bpf.KtimeGetCoarseNs()",
            "Bpf.Redirect(2, 0)", "Bpf.KtimeGetCoarseNs()", "Bpf.KtimeGetCoarseNs()"], Reported("EBPF0018", source));
        var message = AnalyzerHarness.Analyze(source).First(diagnostic => diagnostic.Id == "EBPF0018").GetMessage();
        Assert.Contains("kprobe programs cannot call", message);
    }

    [Fact]
    public void Tracing_helpers_in_tracing_programs_and_in_XDP_do_not_report_EBPF0018()
    {
        string source = Program("""
            static readonly StackTraceMap Stacks = new(maxEntries: 16);
            static readonly RingBuffer<long> Events = new(sizeBytes: 4096);
            [Kprobe("vfs_read")]
            public static int Read(PtRegs* regs)
            {
                long value;
                Bpf.ProbeReadKernel(&value, 8, (void*)regs->Arg(1));
                Bpf.ProbeReadUserString(&value, 8, (void*)regs->Arg(2));
                Events.Output(value);
                return (int)Stacks.GetStackId(regs) + (int)Bpf.GetCurrentTask() + (int)Bpf.SendSignal(9) + (int)Bpf.KtimeGetNs();
            }
            [Tracepoint("syscalls", "sys_enter_openat")]
            public static int Openat(SysEnterOpenat* args) => (int)Stacks.GetStackId(args) + (int)Bpf.SendSignalThread(10);
            [Fexit("vfs_read")]
            public static int Exited(TaskStruct* file, long result)
            {
                long value;
                return (int)Bpf.ProbeReadKernelString(&value, 8, file) + (int)Bpf.GetCurrentPidTgid() + (int)Bpf.ProbeReadUser(&value, 8, null);
            }
            [Xdp]
            public static XdpAction Filter(XdpContext ctx)
            {
                long value;
                // bpf_base_func_proto gives privileged XDP programs these too (checked on a 6.18 kernel).
                Bpf.ProbeReadKernel(&value, 8, null);
                return Bpf.GetCurrentTask() == 0 || Bpf.SendSignal(0) < 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            """, outside: Records);
        Assert.Empty(Reported("EBPF0018", source));
    }

    [Fact]
    public void Probe_read_and_current_task_helpers_are_GPL_only_and_signals_are_not()
    {
        string source = Program("""
            [Kprobe("vfs_read")]
            public static int Read(PtRegs* regs)
            {
                long value;
                Bpf.ProbeReadKernel(&value, 8, null);
                Bpf.ProbeReadUserString(&value, 8, null);
                Bpf.SendSignal(9);
                return (int)Bpf.GetCurrentTask();
            }
            """, attributes: """[License("MIT")]""");
        Assert.Equal(["Bpf.ProbeReadKernel(&value, 8, null)", "Bpf.ProbeReadUserString(&value, 8, null)", "Bpf.GetCurrentTask()"], Reported("EBPF0019", source));
    }

    [Fact]
    public void Writes_through_a_kernel_type_pointer_report_EBPF0023()
    {
        string source = Program("""
            [Fentry("wake_up_new_task")]
            public static int Woken(TaskStruct* task)
            {
                task->Pid = 0;
                task->RealParent->Tgid++;
                task->Comm[0] = 0;
                task->Se.Vruntime += 1;
                (*task).Tgid = 1;
                *task = default;
                Interlocked.Increment(ref task->Pid);
                Set(out task->Tgid);
                return 0;
            }
            static void Set(out int value) => value = 1;
            """, outside: Records);
        Assert.Equal(["task->Pid", "task->RealParent->Tgid", "task->Comm[0]", "task->Se.Vruntime", "(*task).Tgid", "*task", "task->Pid", "task->Tgid"],
            Reported("EBPF0023", source));
    }

    [Fact]
    public void Reads_field_addresses_local_copies_and_host_writes_of_kernel_types_do_not_report_EBPF0023() =>
        Silent(Program("""
            [Kprobe("wake_up_new_task")]
            public static int Woken(TaskStruct* task)
            {
                TaskStruct copy = default;
                copy.Pid = task->Pid;
                copy.Comm[0] = task->Comm[0];
                int pid = task->RealParent->Tgid;
                pid += Core.FieldExists(&task->Tgid) ? 1 : 0;
                return pid + copy.Pid;
            }
            public static void Host(TaskStruct* task) => task->Pid = 1;
            """, outside: Records));

    [Fact]
    public void Non_constant_and_out_of_range_PtRegs_Arg_indexes_report_EBPF0024()
    {
        string source = Program("""
            [Kprobe("vfs_read")]
            public static int Sum(PtRegs* regs)
            {
                ulong sum = 0;
                for (int i = 0; i < 3; i++)
                    sum += regs->Arg(i);
                return (int)(sum + regs->Arg(6) + regs->Arg(-1));
            }
            [Kprobe("vfs_write")]
            public static int ByParameter(PtRegs* regs, int index) => (int)regs->Arg(index);
            """);
        Assert.Equal(["regs->Arg(i)", "regs->Arg(6)", "regs->Arg(-1)", "regs->Arg(index)"], ReportedWith("EBPF0024", source, architecture: "x64"));
    }

    [Fact]
    public void Constant_PtRegs_Arg_indexes_and_indexes_the_compiler_folds_do_not_report_EBPF0024() =>
        Silent(Program("""
            const int Count = 2;
            [Kprobe("vfs_read")]
            public static int Read(PtRegs* regs)
            {
                int second = 1;
                return (int)(regs->Arg(0) + regs->Arg(second) + regs->Arg(Count) + Nth(regs, 5) + regs->ReturnValue + regs->StackPointer);
            }
            static ulong Nth(PtRegs* regs, int index) => regs->Arg(index);
            """));

    [Fact]
    public void Writes_through_a_probe_or_tracepoint_context_report_EBPF0025()
    {
        string source = Program("""
            [Tracepoint("syscalls", "sys_enter_openat")]
            public static int Openat(SysEnterOpenat* args)
            {
                args->Dfd = 0;
                args->Args[1] = 2;
                args->SyscallNumber++;
                return 0;
            }
            [Kprobe("vfs_read")]
            public static int Read(PtRegs* regs)
            {
                *regs = default;
                ((ulong*)regs)[1] = 0;
                return 0;
            }
            [Kretprobe("vfs_read")]
            public static int Returned(PtRegs* regs, long result)
            {
                *(long*)regs = result;
                return 0;
            }
            """, outside: Records);
        Assert.Equal(["args->Dfd", "args->Args[1]", "args->SyscallNumber", "*regs", "((ulong*)regs)[1]", "*(long*)regs"], Reported("EBPF0025", source));
    }

    [Fact]
    public void Context_reads_other_pointers_and_a_reassigned_parameter_do_not_report_EBPF0025() =>
        Silent(Program("""
            [Tracepoint("syscalls", "sys_enter_openat")]
            public static int Openat(SysEnterOpenat* args)
            {
                long dfd = args->Dfd + args->Args[1];
                SysEnterOpenat copy = *args;
                copy.Dfd = dfd;
                args = &copy;
                args->Dfd = 1;
                return (int)args->Dfd;
            }
            [Fentry("vfs_read")]
            public static int Entered(long* position)
            {
                long local = 0;
                long* p = &local;
                *p = 1;
                return (int)*p;
            }
            """, outside: Records));

    /// <summary>The texts the diagnostics with <paramref name="id"/> cover when the build targets <paramref name="architecture"/>.</summary>
    private static string[] ReportedWith(string id, string source, string architecture)
    {
        var compilation = AnalyzerHarness.Create(source);
        var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the test source does not compile:\n" + string.Join("\n", errors));
        var options = new AnalyzerOptions([], new BuildProperties(new Dictionary<string, string> { ["build_property.EbpfSharpTargetArchitecture"] = architecture }));
        var diagnostics = compilation.WithAnalyzers(AnalyzerHarness.Analyzers, options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return [.. diagnostics.Where(diagnostic => diagnostic.Id == id).OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start).Select(AnalyzerHarness.TextAt)];
    }

    private sealed class BuildProperties(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}

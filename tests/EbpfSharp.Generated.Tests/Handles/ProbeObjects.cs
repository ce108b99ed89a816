using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Writing;
using EbpfSharp.Runtime;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Generated.Tests.Handles;

/// <summary>
/// Objects of kprobe, uprobe and tracepoint programs written with the instruction builder (so the handles
/// are tested without the compiler's support for those program kinds): each program counts its runs on one thread
/// into its own <c>.bss</c> counter. <see cref="Loaded"/> plays the generated <c>Loaded</c> class.
/// </summary>
internal static partial class ProbeObjects
{
    private const int GetCurrentPidTgid = 14;   // bpf_get_current_pid_tgid (include/uapi/linux/bpf.h)

    /// <summary>The programs of <see cref="LoadProbes"/>: name → section.</summary>
    public static readonly (string Name, string Section)[] Probes =
    [
        ("count_kprobe", "kprobe/do_sys_openat2"),
        ("count_kretprobe", "kretprobe/do_sys_openat2"),
        ("count_uprobe", "uprobe"),
        ("count_uretprobe", "uretprobe"),
        ("count_tracepoint", "tracepoint/syscalls/sys_enter_getpid"),
    ];

    /// <summary>Loads the programs of <see cref="Probes"/>, counting runs on the calling thread into <c>&lt;name&gt;_hits</c>.</summary>
    public static Loaded LoadProbes() => Load(Probes);

    private static Loaded Load((string Name, string Section)[] programs)
    {
        long pidTgid = ((long)Environment.ProcessId << 32) | (uint)GetThreadId();
        var builder = new ObjectBuilder();
        int u64 = builder.Types.Integer("unsigned long long", 8, signed: false);
        int i32 = builder.Types.Integer("int", 4, signed: true);
        foreach (var (name, section) in programs)
        {
            builder.AddGlobal(new GlobalVariable(".bss", name + "_hits", u64, new byte[8]));
            builder.AddFunction(new FunctionCode(name,
            [
                Jmp.Call(GetCurrentPidTgid),
                Ld.Imm64(R1, pidTgid),
                Jmp.Ne.Reg(R0, R1, "out"),
                Ld.Symbol(R1, name + "_hits"),
                Alu64.Mov.Imm(R2, 1),
                Atomic.Add(AccessSize.DoubleWord, R1, 0, R2),
                Alu64.Mov.Imm(R0, 0).WithLabel("out"),
                Jmp.Exit(),
            ])
            { SectionName = section, ReturnTypeId = i32 });
        }
        return new Loaded(BpfObject.Load(builder.Write(), "probes"));
    }

    /// <summary>How often program <paramref name="name"/> ran on the loading thread.</summary>
    public static ulong Hits(this Loaded loaded, string name) => loaded.Object.ReadVariable<ulong>(name + "_hits");

    // One function per test, so no other code (another test, the runtime) calls it while a probe counts.
    private const string TargetSource = """
        #include <unistd.h>
        __attribute__((noinline)) int ebpfsharp_kprobe_as_uprobe(int x) { return x + 1; }
        __attribute__((noinline)) int ebpfsharp_uprobe_target(int x) { return x + 2; }
        __attribute__((noinline)) int ebpfsharp_uprobe_told(int x) { return x + 3; }
        __attribute__((noinline)) int ebpfsharp_generated_uprobe(int x) { return getpid() + x * 0; }
        __attribute__((noinline)) int ebpfsharp_generated_kprobe(int x) { return x + 5; }
        """;

    /// <summary>The shared library (built with gcc) holding one probe target per test.</summary>
    public static string TargetLibrary => EbpfSharp.TestSupport.NativeCode.Library(TargetSource);

    /// <summary>Calls <paramref name="symbol"/> of <see cref="TargetLibrary"/> <paramref name="times"/> times; returns its last result.</summary>
    public static unsafe int CallTarget(string symbol, int times)
    {
        var function = (delegate* unmanaged<int, int>)EbpfSharp.TestSupport.NativeCode.Function(TargetSource, symbol);
        int result = 0;
        for (int i = 0; i < times; i++)
            result = function(i);
        return result;
    }

    /// <summary>Calls the C library's getpid <paramref name="times"/> times (one system call each).</summary>
    public static void CallGetPid(int times)
    {
        for (int i = 0; i < times; i++)
            GetPid();
    }

    [LibraryImport("libc", EntryPoint = "getpid")]
    private static partial int GetPid();

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    /// <summary>What the generated <c>Loaded</c> class is: a <see cref="LoadedObject"/> that owns the links of its handles.</summary>
    internal sealed class Loaded(BpfObject loaded) : LoadedObject(loaded);
}

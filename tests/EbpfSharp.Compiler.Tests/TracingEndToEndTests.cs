using System.Runtime.InteropServices;
using System.Text;
using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Compiler.Tests;

/// <summary>
/// A native function for probes to hit, compiled with gcc at test time into a fresh directory and loaded into this
/// process: <c>long ebpfsharp_arguments(int a, long b, unsigned char c, short d, void *e, unsigned long f)</c>.
/// </summary>
public sealed unsafe class NativeArguments : IDisposable
{
    public const string Function = "ebpfsharp_arguments";

    private const string Source = """
        __attribute__((noinline)) long ebpfsharp_arguments(int a, long b, unsigned char c, short d, void *e, unsigned long f)
        {
            return a + b + c + d + (long)e + (long)f;
        }
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ebpfsharp-arguments-");
    private readonly Lazy<(nint Handle, nint Function)> _loaded;

    public NativeArguments() => _loaded = new(() =>
    {
        var handle = NativeLibrary.Load(LibraryPath);
        return (handle, NativeLibrary.GetExport(handle, Function));
    });

    /// <summary>The shared library, compiled on first use.</summary>
    public string LibraryPath
    {
        get
        {
            string output = Path.Combine(_directory.FullName, "libarguments.so");
            lock (_directory)
            {
                if (!File.Exists(output))
                {
                    File.WriteAllText(output + ".c", Source);
                    Tools.RunChecked("gcc", "-O1", "-shared", "-fPIC", "-o", output, output + ".c");
                }
            }
            return output;
        }
    }

    /// <summary>Calls the function in this process.</summary>
    public long Call(int a, long b, byte c, short d, void* e, ulong f) =>
        ((delegate* unmanaged<int, long, byte, short, void*, ulong, long>)_loaded.Value.Function)(a, b, c, d, e, f);

    public void Dispose()
    {
        if (_loaded.IsValueCreated)
            NativeLibrary.Free(_loaded.Value.Handle);
        _directory.Delete(recursive: true);
    }
}

/// <summary>Compiled tracing programs attached in the kernel, checked against what this process did.</summary>
public sealed unsafe partial class TracingEndToEndTests(NativeArguments native) : IClassFixture<NativeArguments>
{
    private const int A = -5;
    private const long B = 0x1_2345_6789;
    private const byte C = 200;
    private const short D = -3;
    private const ulong E = 0xdead_beef_cafe;
    private const ulong F = ulong.MaxValue - 6;

    private static long Expected => unchecked(A + B + C + D + (long)E + (long)F);

    private static BpfObject Load(Type type)
    {
        var compiled = CompiledPrograms.Object(type);
        return ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load();
    }

    private static RecordedCall Recorded(BpfObject loaded, uint slot)
    {
        Assert.True(loaded.Map("Calls").TryLookup(slot, out RecordedCall call));
        return call;
    }

    [KernelFact("gcc")]
    public void A_uprobe_handler_receives_its_typed_arguments_narrowed_and_sign_extended()
    {
        using var loaded = Load(typeof(ProbeArguments));
        using (loaded.Program("OnEntry").AttachUprobe(native.LibraryPath, NativeArguments.Function, Environment.ProcessId))
            Assert.Equal(Expected, native.Call(A, B, C, D, (void*)E, F));

        var call = Recorded(loaded, 0);
        Assert.Equal(1ul, call.Calls);
        Assert.Equal(A, call.A);
        Assert.Equal(B, call.B);
        Assert.Equal(C, call.C);
        Assert.Equal(D, call.D);
        Assert.Equal(E, call.E);
        Assert.Equal(F, call.F);
    }

    [KernelFact("gcc")]
    public void A_kprobe_handler_runs_end_to_end_through_uprobe_attachment()
    {
        using var loaded = Load(typeof(ProbeArguments));
        using (loaded.Program("OnEntryAsKprobe").AttachUprobe(native.LibraryPath, NativeArguments.Function, Environment.ProcessId))
        {
            native.Call(A, B, C, D, (void*)E, F);
            native.Call(A, B, C, D, (void*)E, F);
        }

        var call = Recorded(loaded, 1);
        Assert.Equal(2ul, call.Calls);
        Assert.Equal(A, call.A);
        Assert.Equal(B, call.B);
        Assert.Equal(C, call.C);
        Assert.Equal(D, call.D);
        Assert.Equal(unchecked((uint)A), (uint)call.Raw0);   // regs->Arg(0): the whole register, upper half as the caller left it
        Assert.Equal(E, call.E);                             // regs->Arg(4)
        Assert.Equal(F, call.F);                             // regs->Arg(5)
    }

    [KernelFact("gcc")]
    public void Return_probes_receive_the_return_value_typed_or_from_the_registers()
    {
        using var loaded = Load(typeof(ProbeArguments));
        using (loaded.Program("OnReturn").AttachUprobe(native.LibraryPath, NativeArguments.Function, Environment.ProcessId, returnProbe: true))
        using (loaded.Program("OnReturnAsKretprobe").AttachUprobe(native.LibraryPath, NativeArguments.Function, Environment.ProcessId, returnProbe: true))
            native.Call(A, B, C, D, (void*)E, F);

        var uretprobe = Recorded(loaded, 2);
        Assert.Equal(1ul, uretprobe.Calls);
        Assert.Equal(Expected, uretprobe.Result);
        var kretprobe = Recorded(loaded, 3);
        Assert.Equal(1ul, kretprobe.Calls);
        Assert.Equal(Expected, kretprobe.Result);
        Assert.NotEqual(0ul, kretprobe.Raw0);   // the instruction pointer: where the function returned to
        Assert.NotEqual(0ul, kretprobe.E);      // the stack pointer
    }

    [KernelFact]
    public void A_tracepoint_program_reads_the_filename_pointer_from_its_record_and_copies_the_path()
    {
        using var loaded = Load(typeof(OpenatRecorder));
        loaded.Map("TargetProcess").Update(0u, (uint)Environment.ProcessId);
        string path = Path.Combine(Path.GetTempPath(), $"ebpfsharp-openat-{Guid.NewGuid():N}");
        File.WriteAllText(path, "x");
        try
        {
            uint thread;
            using (loaded.Program("OnOpenat").AttachTracepoint("syscalls", "sys_enter_openat"))
            {
                thread = (uint)GetThreadId();
                using (File.OpenRead(path))
                {
                }
            }

            Assert.True(loaded.Map("Paths").TryLookup(thread, out OpenedPath opened));
            Assert.Equal(Encoding.UTF8.GetByteCount(path) + 1, opened.Length);
            Assert.Equal(path, Encoding.UTF8.GetString(opened.Path, (int)opened.Length - 1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}

using EbpfSharp.Compiler;
using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Cli.Tests;

public class CompileTests
{
    private static readonly CompiledObject Counter = new("Samples.Counter", "Samples.Counter.bpf.o", [0x7f, (byte)'E', (byte)'L', (byte)'F'],
        [new CompiledProgram("Samples.Counter.Count", "count", "xdp", 12, 8)]);

    private readonly string assembly = Scratch.WriteFile("Programs.dll", [0x4d, 0x5a]);

    private static CliRun Compile(Func<string, CompilerOptions, CompilationResult> compiler, params string[] args) =>
        CliRun.Of(compiler, ["compile", .. args]);

    [Fact]
    public void Compile_without_an_assembly_is_a_usage_error()
    {
        var run = CliRun.Of("compile");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("assembly.dll", run.Error);
    }

    [Fact]
    public void Compile_with_an_unknown_isa_is_a_usage_error_that_lists_the_choices()
    {
        var run = CliRun.Of("compile", assembly, "--isa", "v9");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("v4", run.Error);
    }

    [Fact]
    public void Compile_of_a_missing_file_is_one_error_line()
    {
        var run = CliRun.Of("compile", "/nonexistent/Programs.dll");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ebpfsharp: error: The file '/nonexistent/Programs.dll' does not exist.", run.Error.Trim());
    }

    [Fact]
    public void Diagnostics_print_as_msbuild_does_on_standard_error_and_errors_exit_1_without_writing()
    {
        string directory = Scratch.NewDirectory("compile-out");
        var diagnostics = new[]
        {
            new CompilerDiagnostic("EBPF1010", DiagnosticSeverity.Warning, "Stack use is 480 bytes.", new SourceLocation("/src/Counter.cs", 3, 5)),
            new CompilerDiagnostic("EBPF1001", DiagnosticSeverity.Error, "new object() allocates on the managed heap.", new SourceLocation("/src/Counter.cs", 12, 9)),
        };

        var run = Compile((_, _) => new([Counter], diagnostics), assembly, "-o", directory);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "/src/Counter.cs(3,5): warning EBPF1010: Stack use is 480 bytes.\n/src/Counter.cs(12,9): error EBPF1001: new object() allocates on the managed heap.\n",
            run.Error);
        Assert.Empty(run.Output);
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Objects_are_written_beside_the_assembly_with_one_line_each()
    {
        var run = Compile((_, _) => new([Counter], []), assembly);

        Assert.Equal(0, run.ExitCode);
        string path = Path.Combine(Path.GetDirectoryName(assembly)!, "Samples.Counter.bpf.o");
        Assert.Equal(Counter.Bytes, File.ReadAllBytes(path));
        Assert.Equal($"{path}: Samples.Counter (count xdp 12 insns)\n", run.Output);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Output_and_isa_options_reach_the_compiler_and_the_file_system()
    {
        string directory = Path.Combine(Scratch.NewDirectory("compile-out"), "nested");
        CompilerOptions? seen = null;

        var run = Compile((_, options) => { seen = options; return new([Counter], []); }, assembly, "-o", directory, "--isa", "v4", "-r", "/refs/a", "-r", "/refs/b");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(IsaVersion.V4, seen!.Isa);
        Assert.Equal(["/refs/a", "/refs/b"], seen.ReferenceDirectories);
        Assert.True(File.Exists(Path.Combine(directory, "Samples.Counter.bpf.o")));
    }

    [Fact]
    public void An_assembly_without_programs_is_a_warning_that_suggests_the_reference_folder()
    {
        var run = Compile((_, _) => new([], []), assembly);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("ebpfsharp: warning: No eBPF programs found", run.Error);
        Assert.Contains("-r", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_compiler_crash_is_an_EBPF1000_line_without_a_stack_trace()
    {
        var run = Compile((_, _) => throw new InvalidOperationException("Register allocation failed."), assembly);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{assembly}: error EBPF1000: ", run.Error);
        Assert.Contains("Register allocation failed.", run.Error);
        Assert.DoesNotContain(" at ", run.Error);
    }
}

using EbpfSharp.Compiler;
using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.TestSupport;
using Microsoft.Build.Utilities;

namespace EbpfSharp.Build.Tests;

public class CompileEbpfProgramsTests
{
    private static readonly CompiledObject Counter = new("Samples.Counter", "Samples.Counter.bpf.o", [0x7f, (byte)'E', (byte)'L', (byte)'F'],
        [new CompiledProgram("Samples.Counter.Count", "count", "xdp", 12, 8)]);

    private readonly RecordingBuildEngine engine = new();
    private readonly string directory = Scratch.NewDirectory("task");

    private CompileEbpfPrograms Task(Func<string, CompilerOptions, CompilationResult> compile, string isa = "v3") => new(compile)
    {
        BuildEngine = engine,
        AssemblyPath = "/project/obj/Debug/net10.0/Programs.dll",
        Isa = isa,
        IntermediateDirectory = Path.Combine(directory, "ebpf"),
        FileListPath = Path.Combine(directory, "objects.list"),
    };

    private static CompilerDiagnostic Error(string message, SourceLocation? location, string? method = null) =>
        new("EBPF1001", DiagnosticSeverity.Error, message, location, method);

    [Fact]
    public void An_error_is_logged_with_code_file_line_and_column_and_no_subcategory()
    {
        var task = Task((_, _) => new([], [Error("new object() allocates on the managed heap.", new SourceLocation("/src/Counter.cs", 12, 9))]));

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("EBPF1001", "/src/Counter.cs", 12, 9), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.Null(error.Subcategory);
        Assert.Equal("new object() allocates on the managed heap.", error.Message);
    }

    [Fact]
    public void A_message_with_braces_is_logged_as_written()
    {
        var task = Task((_, _) => new([], [Error("struct {0} at {1}", new SourceLocation("/src/Counter.cs", 1, 1))]));

        task.Execute();

        Assert.Equal("struct {0} at {1}", Assert.Single(engine.Errors).Message);
    }

    [Fact]
    public void A_warning_is_logged_as_a_warning_and_the_object_is_still_written()
    {
        var warning = new CompilerDiagnostic("EBPF1010", DiagnosticSeverity.Warning, "Stack use is 480 bytes.", new SourceLocation("/src/Counter.cs", 3, 5));
        var task = Task((_, _) => new([Counter], [warning]));

        Assert.True(task.Execute());

        var logged = Assert.Single(engine.Warnings);
        Assert.Equal(("EBPF1010", "/src/Counter.cs", 3, 5), (logged.Code, logged.File, logged.LineNumber, logged.ColumnNumber));
        Assert.Empty(engine.Errors);
        Assert.Single(task.Objects);
    }

    [Fact]
    public void A_diagnostic_without_a_location_names_the_method()
    {
        var task = Task((_, _) => new([], [Error("No debug information.", null, "Counter.Count")]));

        task.Execute();

        var error = Assert.Single(engine.Errors);
        Assert.Equal("Counter.Count: No debug information.", error.Message);
        Assert.Equal(0, error.LineNumber);
    }

    [Fact]
    public void Success_writes_each_object_to_the_intermediate_folder_and_lists_it()
    {
        var task = Task((_, _) => new([Counter], []));

        Assert.True(task.Execute());

        string path = Path.Combine(directory, "ebpf", "Samples.Counter.bpf.o");
        Assert.Equal(Counter.Bytes, File.ReadAllBytes(path));
        Assert.Equal([path], File.ReadAllLines(task.FileListPath));
        var item = Assert.Single(task.Objects);
        Assert.Equal(path, item.ItemSpec);
        Assert.Equal("Samples.Counter", item.GetMetadata("ClassName"));
    }

    [Fact]
    public void An_unchanged_object_keeps_its_timestamp()
    {
        Task((_, _) => new([Counter], [])).Execute();
        string path = Path.Combine(directory, "ebpf", "Samples.Counter.bpf.o");
        var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);

        Task((_, _) => new([Counter], [])).Execute();

        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void An_error_writes_no_object_and_removes_the_previous_file_list_so_the_next_build_retries()
    {
        var task = Task((_, _) => new([Counter], []));
        task.Execute();
        File.Delete(Path.Combine(directory, "ebpf", "Samples.Counter.bpf.o"));

        var failing = Task((_, _) => new([Counter], [Error("bad", new SourceLocation("/src/Counter.cs", 1, 1))]));

        Assert.False(failing.Execute());
        Assert.False(File.Exists(failing.FileListPath));
        Assert.False(File.Exists(Path.Combine(directory, "ebpf", "Samples.Counter.bpf.o")));
        Assert.Empty(failing.Objects);
    }

    [Fact]
    public void A_compiler_crash_is_one_EBPF1000_error_on_the_assembly_with_the_stack_trace_only_in_detailed_logs()
    {
        var task = Task((_, _) => throw new InvalidOperationException("Register allocation failed."));

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("EBPF1000", error.Code);
        Assert.Equal("/project/obj/Debug/net10.0/Programs.dll", error.File);
        Assert.Contains("Register allocation failed.", error.Message);
        Assert.DoesNotContain(" at ", error.Message);
        Assert.Contains(engine.Messages, m => m.Importance == Microsoft.Build.Framework.MessageImportance.Low && m.Message!.Contains("InvalidOperationException"));
    }

    [Theory]
    [InlineData("v2", IsaVersion.V2)]
    [InlineData("V4", IsaVersion.V4)]
    [InlineData("", IsaVersion.V3)]
    public void The_isa_property_and_the_reference_folders_reach_the_compiler(string isa, IsaVersion expected)
    {
        CompilerOptions? seen = null;
        var task = Task((_, options) => { seen = options; return new([], []); }, isa);
        task.References = [new TaskItem("/refs/a/EbpfSharp.dll"), new TaskItem("/refs/a/Other.dll"), new TaskItem("/refs/b/System.Runtime.dll")];

        Assert.True(task.Execute());

        Assert.Equal(expected, seen!.Isa);
        Assert.Equal(["/refs/a", "/refs/b"], seen.ReferenceDirectories);
    }

    [Fact]
    public void An_unknown_isa_is_an_error_that_names_the_property()
    {
        var task = Task((_, _) => throw new InvalidOperationException("not called"), "v9");

        Assert.False(task.Execute());

        Assert.Contains("EbpfSharpIsa", Assert.Single(engine.Errors).Message);
    }
}

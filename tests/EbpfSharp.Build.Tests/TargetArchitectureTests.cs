using EbpfSharp.Build;
using EbpfSharp.Compiler;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Build.Tests;

/// <summary>The EbpfSharpTargetArchitecture property, as the task passes it to the compiler.</summary>
public sealed class TargetArchitectureTests
{
    private readonly RecordingBuildEngine engine = new();
    private readonly string directory = Scratch.NewDirectory("task-arch");

    private CompileEbpfPrograms Task(Func<string, CompilerOptions, CompilationResult> compile, string architecture) => new(compile)
    {
        BuildEngine = engine,
        AssemblyPath = "/project/obj/Debug/net10.0/Programs.dll",
        IntermediateDirectory = Path.Combine(directory, "ebpf"),
        FileListPath = Path.Combine(directory, "objects.list"),
        TargetArchitecture = architecture,
    };

    [Theory]
    [InlineData("x64", TargetArchitecture.X64)]
    [InlineData("arm64", TargetArchitecture.Arm64)]
    [InlineData("ARM64", TargetArchitecture.Arm64)]
    public void The_architecture_property_reaches_the_compiler(string architecture, TargetArchitecture expected)
    {
        CompilerOptions? seen = null;

        Assert.True(Task((_, options) => { seen = options; return new([], []); }, architecture).Execute());

        Assert.Equal(expected, seen!.TargetArchitecture);
    }

    [Fact]
    public void No_architecture_is_the_machine_that_builds()
    {
        CompilerOptions? seen = null;

        Assert.True(Task((_, options) => { seen = options; return new([], []); }, "").Execute());

        Assert.Equal(TargetArchitectures.Host, seen!.TargetArchitecture);
    }

    [Fact]
    public void An_unknown_architecture_is_an_error_naming_the_choices()
    {
        Assert.False(Task((_, _) => new([], []), "riscv64").Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Contains("EbpfSharpTargetArchitecture is 'riscv64'", error.Message);
        Assert.Contains("x64 or arm64", error.Message);
    }
}

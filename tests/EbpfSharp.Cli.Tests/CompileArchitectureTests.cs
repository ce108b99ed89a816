using EbpfSharp.Compiler;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Cli.Tests;

/// <summary><c>ebpfsharp compile --arch</c>.</summary>
public class CompileArchitectureTests
{
    private readonly string assembly = Scratch.WriteFile("Programs.dll", [0x4d, 0x5a]);

    [Theory]
    [InlineData("x64", TargetArchitecture.X64)]
    [InlineData("arm64", TargetArchitecture.Arm64)]
    public void The_arch_option_reaches_the_compiler(string architecture, TargetArchitecture expected)
    {
        CompilerOptions? seen = null;

        var run = CliRun.Of((_, options) => { seen = options; return new([], []); }, ["compile", assembly, "--arch", architecture]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, seen!.TargetArchitecture);
    }

    [Fact]
    public void Without_arch_the_compiler_targets_this_machine()
    {
        CompilerOptions? seen = null;

        CliRun.Of((_, options) => { seen = options; return new([], []); }, ["compile", assembly]);

        Assert.Equal(TargetArchitectures.Host, seen!.TargetArchitecture);
    }

    [Fact]
    public void An_unknown_arch_is_a_usage_error_that_lists_the_choices()
    {
        var run = CliRun.Of("compile", assembly, "--arch", "mips");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("arm64", run.Error);
    }
}

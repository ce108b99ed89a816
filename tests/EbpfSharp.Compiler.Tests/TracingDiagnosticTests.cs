using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Tests.Programs;

namespace EbpfSharp.Compiler.Tests;

/// <summary>Mistakes in tracing programs, reported with their IDs at their C# lines.</summary>
public sealed class TracingDiagnosticTests
{
    [Theory]
    [InlineData(typeof(ArgumentIndexNotConstant), "EBPF1020", "not a constant")]
    [InlineData(typeof(ArgumentIndexOutOfRange), "EBPF1021", "'PtRegs.Arg(8)' reads past the argument registers")]
    [InlineData(typeof(WritesRegisters), "EBPF1022 registers", "writes to the probe's registers (PtRegs*)")]
    [InlineData(typeof(WritesTracepointRecord), "EBPF1022 record", "writes to the tracepoint's record")]
    [InlineData(typeof(ReadsRecordAtVariableOffset), "EBPF1023", "at an offset that is not a constant")]
    public void Misuse_is_reported_with_its_id_at_its_line_and_no_object_is_written(Type program, string marker, string message)
    {
        var diagnostic = Assert.Single(CompiledPrograms.Diagnostics(program));

        Assert.Equal(marker.Split(' ')[0], diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(message, diagnostic.Message);
        Assert.EndsWith("TracingMisuse.cs", diagnostic.Location!.FilePath);
        Assert.Equal(CompiledPrograms.LineOf("Programs/TracingMisuse.cs", $"// {marker}"), diagnostic.Location.Line);
        Assert.DoesNotContain(CompiledPrograms.Result.Objects, compiled => compiled.ClassName == program.FullName);
    }

    [Theory]
    [InlineData(typeof(ShapeTooManyArguments), "takes 7 typed arguments; a probe reads at most 6 from registers on x86-64", "Run(int dfd, byte* filename)")]
    [InlineData(typeof(ShapeReturnProbeTwoValues), "takes 2 typed parameters; a return probe has at most one", "Run(long result)")]
    [InlineData(typeof(ShapeTracepointNotStructPointer), "a tracepoint program takes a pointer to a struct", "Run(SysEnterOpenat* args)")]
    [InlineData(typeof(ShapeEmptyFunction), "gives [Fentry] an empty function name", "Run(int dfd, ulong name)")]
    [InlineData(typeof(ShapeRegistersNotFirst), "PtRegs* can only be the first parameter", "Run(int dfd, byte* filename)")]
    [InlineData(typeof(ShapeFentryRegisters), "fentry programs see no registers", "Run(int dfd, ulong name)")]
    [InlineData(typeof(ShapeFloatArgument), "of type 'Double'", "Run(ulong size)")]
    [InlineData(typeof(ShapeReturnsVoid), "must return int", "Run(SysEnterOpenat* args)")]
    [InlineData(typeof(ShapeEmptySymbol), "gives [Uprobe] an empty symbol", "Run(ulong size)")]
    [InlineData(typeof(ShapeBadTracepointName), "names tracepoint 'syscalls/sys_enter/openat'", "Run(SysEnterOpenat* args)")]
    public void A_wrong_handler_shape_is_EBPF1013_with_an_example_of_the_kind(Type program, string problem, string example)
    {
        if (program == typeof(ShapeTooManyArguments) && new CompilerOptions().TargetArchitecture != TargetArchitecture.X64)
            return;   // eight arguments fit arm64's registers
        var diagnostic = Assert.Single(CompiledPrograms.Diagnostics(program));

        Assert.Equal("EBPF1013", diagnostic.Id);
        Assert.Contains(problem, diagnostic.Message);
        Assert.Contains($"(for example: public static int {example}", diagnostic.Message);
        Assert.EndsWith("TracingMisuse.cs", diagnostic.Location!.FilePath);
        Assert.DoesNotContain(CompiledPrograms.Result.Objects, compiled => compiled.ClassName == program.FullName);
    }
}

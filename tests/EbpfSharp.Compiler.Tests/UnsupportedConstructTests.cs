using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Tests.Programs;

namespace EbpfSharp.Compiler.Tests;

public sealed class UnsupportedConstructTests
{
    [Theory]
    [InlineData(typeof(AllocatesClass), "EBPF1001")]
    [InlineData(typeof(UsesString), "EBPF1002")]
    [InlineData(typeof(CatchesException), "EBPF1003")]
    [InlineData(typeof(CallsVirtual), "EBPF1004")]
    [InlineData(typeof(UsesFloatingPoint), "EBPF1005")]
    [InlineData(typeof(UsesChecked), "EBPF1006")]
    [InlineData(typeof(Recurses), "EBPF1008")]
    [InlineData(typeof(WrongSignature), "EBPF1013")]
    public void Construct_is_reported_with_its_id_at_its_line_and_no_object_is_written(Type program, string id)
    {
        var diagnostic = Assert.Single(CompiledPrograms.Diagnostics(program));

        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.NotNull(diagnostic.Location);
        Assert.EndsWith("Unsupported.cs", diagnostic.Location!.FilePath);
        Assert.Equal(CompiledPrograms.LineOf("Programs/Unsupported.cs", $"// {id}"), diagnostic.Location.Line);
        Assert.DoesNotContain(CompiledPrograms.Result.Objects, compiled => compiled.ClassName == program.FullName);
    }

    [Fact]
    public void Diagnostic_prints_as_compilers_do()
    {
        var diagnostic = CompiledPrograms.Diagnostics(typeof(UsesFloatingPoint)).Single();

        Assert.Matches(@"^/.*Unsupported\.cs\(\d+,\d+\): error EBPF1005: .*[Ff]loating.point.*", diagnostic.ToString());
    }

    [Fact]
    public void A_struct_with_a_float_field_is_reported_as_floating_point_naming_the_field()
    {
        var diagnostic = Assert.Single(CompiledPrograms.Diagnostics(typeof(KeepsFloatInStruct)));

        Assert.Equal("EBPF1005", diagnostic.Id);
        Assert.Contains("field 'Average' is floating point", diagnostic.Message);
        Assert.Equal(CompiledPrograms.LineOf("Programs/Unsupported.cs", "var stats = new Stats { Count = 1 };"), diagnostic.Location!.Line);
    }
}

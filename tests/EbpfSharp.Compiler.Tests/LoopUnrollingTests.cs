using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Compiler.Tests;

/// <summary>Full unrolling of constant-trip loops (Optimize/LoopUnrolling.cs) and merging of return blocks (Optimize/ReturnMerging.cs).</summary>
public sealed class LoopUnrollingTests
{
    private static string[] Instructions(string program)
    {
        var compiled = CompiledPrograms.Object(typeof(LoopShapes));
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { Symbol = program });
        return [.. listing.Split('\n').Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s+\d+:\t")).Select(line => line.Split('\t')[^1].Trim())];
    }

    private static bool HasBackwardJump(string[] code) => code.Any(line => line.Contains("goto -", StringComparison.Ordinal));

    [Fact]
    public void A_six_byte_swap_becomes_twelve_fixed_offset_loads_and_stores()
    {
        var code = Instructions("SwapSixBytes");

        Assert.False(HasBackwardJump(code), string.Join("\n", code));
        Assert.Equal(12, code.Count(line => line.Contains("= *(u8 *)", StringComparison.Ordinal)));
        Assert.Equal(12, code.Count(line => line.StartsWith("*(u8 *)", StringComparison.Ordinal)));
        Assert.DoesNotContain(code, line => line.Contains("s>>=", StringComparison.Ordinal));   // no index arithmetic left
        for (int offset = 0; offset < 12; offset++)
            Assert.Contains(code, line => line.StartsWith("*(u8 *)", StringComparison.Ordinal) && line.Contains($" + 0x{offset:x})", StringComparison.Ordinal));
    }

    [Fact]
    public void A_do_while_loop_with_a_break_is_unrolled_and_keeps_its_exits()
    {
        var code = Instructions("DoWhileWithBreak");

        // Every iteration reads its byte at a fixed offset, and no index is computed (the break's target may be
        // laid out above, so backward jumps are no sign of a loop here).
        for (int offset = 0; offset < 8; offset++)
            Assert.Contains(code, line => line.Contains($"= *(u8 *)", StringComparison.Ordinal) && line.Contains($" + 0x{offset:x})", StringComparison.Ordinal));
        Assert.DoesNotContain(code, line => line.Contains("<<= 0x20", StringComparison.Ordinal) || line.Contains("s>>=", StringComparison.Ordinal));
        Assert.DoesNotContain(code, line => line.Contains("+= 0x1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("VariableBound")]
    [InlineData("TooManyIterations")]
    [InlineData("BodyTooLarge")]
    public void Loops_without_a_constant_trip_count_or_too_large_stay_loops(string program)
    {
        Assert.True(HasBackwardJump(Instructions(program)), program);
    }

    [Fact]
    public void Returns_of_the_same_value_are_emitted_once()
    {
        var code = Instructions("ReturnsAfterChecks");

        Assert.Single(code, line => line == "w0 = 0x1");
        Assert.True(code.Count(line => line == "exit") <= 2, string.Join("\n", code));
    }
}

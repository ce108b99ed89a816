using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Compiler.Tests;

/// <summary>Full unrolling of constant-trip loops (Optimize/LoopUnrolling.cs), merging of byte copies (Optimize/CopyMerging.cs) and of return blocks (Optimize/ReturnMerging.cs), cancelling byte swaps (Optimize/ByteSwapFolding.cs).</summary>
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
    public void A_six_byte_swap_is_unrolled_into_fixed_offsets_and_merged_into_word_and_halfword_copies()
    {
        var code = Instructions("SwapSixBytes");

        Assert.False(HasBackwardJump(code), string.Join("\n", code));
        Assert.DoesNotContain(code, line => line.Contains("s>>=", StringComparison.Ordinal));   // no index arithmetic left
        Assert.DoesNotContain(code, line => line.Contains("*(u8 *)", StringComparison.Ordinal));
        foreach (var (size, offset) in new[] { ("u32", "0x0"), ("u16", "0x4"), ("u32", "0x6"), ("u16", "0xa") })
        {
            string access = $@"\*\({size} \*\)\(r\d \+ {offset}\)";
            Assert.Single(code, line => System.Text.RegularExpressions.Regex.IsMatch(line, "^" + access + " = r"));
            Assert.Contains(code, line => System.Text.RegularExpressions.Regex.IsMatch(line, "^r\\d = " + access + "$"));   // (the context's fields too)
        }
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

    [Fact]
    public void Stack_byte_copies_are_not_merged()
    {
        var code = Instructions("StackCopy");

        // Loads of the copied bytes now read the packet bytes stored there, so the buffer may need no stores at all.
        Assert.DoesNotContain(code, line => line.StartsWith("*(u32 *)(r10", StringComparison.Ordinal) || line.StartsWith("*(u16 *)(r10", StringComparison.Ordinal));
    }

    [Fact]
    public void Swapping_header_fields_through_host_order_properties_needs_no_byte_swap()
    {
        var code = Instructions("SwapAddressesAndPorts");

        Assert.DoesNotContain(code, line => line.Contains("= be", StringComparison.Ordinal));
        Assert.Equal(2, code.Count(line => line.StartsWith("*(u32 *)", StringComparison.Ordinal)));
        Assert.Equal(2, code.Count(line => line.StartsWith("*(u16 *)", StringComparison.Ordinal)));
    }
}

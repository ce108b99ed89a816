using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Compiler.Tests;

public sealed class InstructionShapeTests
{
    private static string[] Instructions(string program, IsaVersion isa = IsaVersion.V3)
    {
        var compiled = isa == IsaVersion.V3
            ? CompiledPrograms.Object(typeof(Shapes))
            : EbpfCompiler.Compile(typeof(Shapes).Assembly.Location, new CompilerOptions { Isa = isa }).Objects.Single(o => o.ClassName == typeof(Shapes).FullName);
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { Symbol = program });
        // "   12:\t61 12 00 00 00 00 00 00\tr2 = *(u32 *)(r1 + 0x0)" → "r2 = *(u32 *)(r1 + 0x0)"
        return [.. listing.Split('\n').Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s+\d+:\t")).Select(line => line.Split('\t')[^1].Trim())];
    }

    [Fact]
    public void Returning_a_constant_is_two_instructions()
    {
        Assert.Equal(["w0 = 0x2", "exit"], Instructions("PassAll"));
    }

    [Fact]
    public void TryGet_is_one_bounds_check_on_one_packet_pointer_and_the_header_property_one_byte_swap()
    {
        var code = Instructions("ParseEthernet");

        Assert.Single(code, line => line.Contains("(r1 + 0x0)", StringComparison.Ordinal));   // ctx->data, read once
        Assert.Single(code, line => line.Contains("(r1 + 0x4)", StringComparison.Ordinal));   // ctx->data_end, read once
        Assert.Single(code, line => line.StartsWith("if r", StringComparison.Ordinal));      // the bounds check, no flag test
        Assert.Contains(code, line => line.StartsWith("r", StringComparison.Ordinal) && line.Contains("= be16 r", StringComparison.Ordinal));
        Assert.True(code.Length <= 14, string.Join("\n", code));
    }

    [Fact]
    public void Identical_checksum_updates_of_two_arms_are_emitted_once()
    {
        var code = Instructions("RewriteBothChecksums");

        // One fold (three 16-bit end-around carries) for both arms, not one per arm.
        Assert.True(code.Count(line => line.EndsWith(">>= 0x10", StringComparison.Ordinal)) == 3, string.Join("\n", code));
        Assert.DoesNotContain(code, line => line.Contains("r10", StringComparison.Ordinal));   // no spills
    }

    [Fact]
    public void Folding_a_64_bit_checksum_sum_keeps_the_low_half_with_a_32_bit_move_not_an_ld_imm64_mask()
    {
        var code = Instructions("RewriteBothChecksums");

        Assert.DoesNotContain(code, line => line.Contains("0xffffffff ll", StringComparison.Ordinal));
        Assert.Contains(code, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^w\d = w\d$"));
    }

    [Fact]
    public void Signed_division_uses_sdiv_on_v4_and_unsigned_div_with_signs_before()
    {
        Assert.Contains(Instructions("SignedDivision", IsaVersion.V4), line => line.Contains("s/=", StringComparison.Ordinal));
        var v3 = Instructions("SignedDivision");
        Assert.DoesNotContain(v3, line => line.Contains("s/=", StringComparison.Ordinal));
        Assert.Contains(v3, line => line.Contains(" /= ", StringComparison.Ordinal));
    }

    [Fact]
    public void Loop_carried_values_stay_in_their_registers_without_copies_through_phi_temporaries()
    {
        var code = Instructions("LoopCarried");

        Assert.DoesNotContain(code, line => line.Contains("r10", StringComparison.Ordinal));   // no spills
        // The rotation (next = sum + previous; previous = sum; sum = next) needs copies; the phis none of their own
        // (before coalescing, each phi went through a temporary: six moves).
        var moves = code.Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^[rw](\d) = [rw](?!\1)\d$")).ToList();
        Assert.True(moves.Count <= 3, string.Join("\n", code));
    }

    [Theory]
    [InlineData(11, 1)]   // Fibonacci-like sum after 11 iterations is 89: drop
    [InlineData(12, 2)]   // after 12 it is 144: pass
    public void Loop_carried_swap_computes_the_same_values_in_the_kernel(int iterations, int action)
    {
        var compiled = CompiledPrograms.Object(typeof(Shapes));
        using var loaded = EbpfSharp.Runtime.ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load();
        var run = loaded.Program("LoopCarried").TestRun(new EbpfSharp.Runtime.TestRunOptions { Data = new byte[64 + iterations] });
        Assert.Equal(action, (int)run.ReturnValue);
    }
}

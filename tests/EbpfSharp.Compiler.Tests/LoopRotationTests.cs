using System.Text.RegularExpressions;
using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Compiler.Tests;

/// <summary>
/// Loop rotation (Optimize/LoopRotation.cs), stepped loop addresses (Optimize/LoopStrengthReduction.cs) and the
/// placement of a loop's exit behind a jump (Lower/LoopExitPlacement.cs).
/// </summary>
public sealed class LoopRotationTests
{
    private static string[] Instructions(string program)
    {
        var compiled = CompiledPrograms.Object(typeof(LoopShapes));
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { Symbol = program });
        return [.. listing.Split('\n').Where(line => Regex.IsMatch(line, @"^\s+\d+:\t")).Select(line => line.Split('\t')[^1].Trim())];
    }

    [Fact]
    public void A_loop_with_a_variable_bound_tests_at_the_bottom_and_jumps_back_once_per_iteration()
    {
        var code = Instructions("WordSum");

        Assert.Contains(code, line => line.StartsWith("if ", StringComparison.Ordinal) && line.Contains(" goto -", StringComparison.Ordinal));
        Assert.DoesNotContain(code, line => line.StartsWith("goto -", StringComparison.Ordinal));
    }

    [Fact]
    public void The_loop_exit_is_reached_by_a_jump_so_the_verifier_prunes_it_there()
    {
        var code = Instructions("WordSum");

        int back = Array.FindIndex(code, line => line.StartsWith("if ", StringComparison.Ordinal) && line.Contains(" goto -", StringComparison.Ordinal));
        Assert.True(back >= 0 && code[back + 1].StartsWith("goto +", StringComparison.Ordinal), string.Join("\n", code));
    }

    [Fact]
    public void A_word_address_steps_with_the_index_instead_of_being_recomputed()
    {
        var code = Instructions("WordSum");

        Assert.DoesNotContain(code, line => line.Contains("*= 0x2", StringComparison.Ordinal) || line.Contains("<<= 0x1", StringComparison.Ordinal));
        Assert.Contains(code, line => Regex.IsMatch(line, @"^r\d \+= 0x2$"));
    }

    [Fact]
    public void A_loop_whose_exit_takes_a_header_value_past_a_guard_that_may_skip_it_is_not_rotated()
    {
        // LoopCarried's count may be 0: rotated, the exit's sum would come from the guard or the latch, and its copy
        // would run every iteration.
        var compiled = CompiledPrograms.Object(typeof(Shapes));
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { Symbol = "LoopCarried" });
        Assert.Contains(listing.Split('\n'), line => line.Trim().EndsWith(">", StringComparison.Ordinal) && line.Contains("\tgoto -", StringComparison.Ordinal));
    }
}

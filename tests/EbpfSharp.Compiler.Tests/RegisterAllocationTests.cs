using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Compiler.Tests;

public sealed class RegisterAllocationTests
{
    private static string[] Instructions(string program)
    {
        var compiled = CompiledPrograms.Object(typeof(CallShapes));
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { Symbol = program });
        return [.. listing.Split('\n').Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s+\d+:\t")).Select(line => line.Split('\t')[^1].Trim())];
    }

    private static bool IsMove(string line) => System.Text.RegularExpressions.Regex.IsMatch(line, @"^r\d = r\d$");

    [Fact]
    public void A_lookup_result_is_tested_and_used_in_R0_and_each_call_loads_the_map_address_into_R1()
    {
        var code = Instructions("LookupThenCount");
        int lookup = Array.IndexOf(code, "call 0x1");

        Assert.Matches(@"^if r0 [!=]= 0x0 goto", code[lookup + 1]);                  // no r1 = r0 first
        Assert.Contains(code, line => line.StartsWith("lock *(u64 *)(r0 + 0x0) += r", StringComparison.Ordinal));
        Assert.DoesNotContain(code, line => line.EndsWith("+= r0", StringComparison.Ordinal));   // the operand has its own register
        Assert.Equal(2, code.Count(line => line == "r1 = 0x0 ll"));                   // the map, at each call
        Assert.DoesNotContain(code, line => line.StartsWith("r1 = r", StringComparison.Ordinal) && IsMove(line));
    }

    [Fact]
    public void A_value_live_on_the_other_side_of_a_branch_leaves_the_argument_registers_to_the_call()
    {
        var code = Instructions("LookupClamped");
        int lookup = Array.IndexOf(code, "call 0x1");

        // The key's address goes straight into R2 and the map into R1: no moves between registers before the call.
        Assert.DoesNotContain(code[..lookup], IsMove);
        Assert.Contains("r2 = r10", code[..lookup]);
        Assert.Matches(@"^if r0 [!=]= 0x0 goto", code[lookup + 1]);
    }
}

using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Object.Tests.Disassembly;

/// <summary>Objects compiled by clang-19 from tests/fixtures/c, disassembled by us and by llvm-objdump-19.</summary>
public sealed class ClangFixtureTests
{
    /// <summary>The fixtures without 32-bit atomics, which plain llvm-objdump prints correctly.</summary>
    public static TheoryData<string> PlainFixtures => new() { "xdp_maps", "global_data", "subprograms", "tracing" };

    [ToolTheory("clang-19", LlvmObjdump.Tool)]
    [MemberData(nameof(PlainFixtures))]
    public void Fixture_disassembles_as_llvm_objdump_does(string fixture) =>
        AssertMatches(fixture, new ObjectDisassemblyOptions());

    [ToolTheory("clang-19", LlvmObjdump.Tool)]
    [MemberData(nameof(PlainFixtures))]
    public void Fixture_with_relocations_disassembles_as_llvm_objdump_r_does(string fixture) =>
        AssertMatches(fixture, new ObjectDisassemblyOptions { ShowRelocations = true }, "-r");

    [ToolFact("clang-19", LlvmObjdump.Tool)]
    public void Alu32_atomics_fixture_disassembles_as_llvm_objdump_with_alu32_does()
    {
        // clang -mcpu=v3 emits 4-byte atomics (0xc3), which llvm-objdump decodes correctly only with
        // --mattr=+alu32; that flag also prints sub-register loads and stores with w registers.
        AssertMatches("alu32_atomics", new ObjectDisassemblyOptions { Dialect = DisassemblyDialect.Alu32 }, "--mattr=+alu32");
        AssertMatches("alu32_atomics", new ObjectDisassemblyOptions { Dialect = DisassemblyDialect.Alu32, ShowRelocations = true },
            "--mattr=+alu32", "-r");
    }

    [ToolFact("clang-19", LlvmObjdump.Tool)]
    public void Alu32_atomics_fixture_in_the_default_dialect_differs_from_plain_llvm_objdump_only_in_atomics()
    {
        string path = ClangFixtures.Compile("alu32_atomics");
        string expected = LlvmObjdump.WithAlu32Atomics(LlvmObjdump.Run(path), LlvmObjdump.Run(path, "--mattr=+alu32"));
        LlvmObjdump.AssertSameText(expected, ObjectDisassembler.Disassemble(ElfFile.Read(File.ReadAllBytes(path)), path));
    }

    private static void AssertMatches(string fixture, ObjectDisassemblyOptions ours, params string[] llvmOptions)
    {
        string path = ClangFixtures.Compile(fixture);
        var file = ElfFile.Read(File.ReadAllBytes(path));
        LlvmObjdump.AssertSameText(LlvmObjdump.Run(path, llvmOptions), ObjectDisassembler.Disassemble(file, path, ours));
    }
}

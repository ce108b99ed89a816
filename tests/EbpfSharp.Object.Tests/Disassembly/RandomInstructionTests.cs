using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;
using EbpfSharp.Object.Instructions;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Object.Tests.Disassembly;

/// <summary>Seeded random streams compared with llvm-objdump-19 in both dialects.</summary>
public sealed class RandomInstructionTests
{
    [ToolTheory(LlvmObjdump.Tool)]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_valid_instructions_disassemble_as_llvm_objdump_does(int seed)
    {
        var encoded = InstructionEncoder.Encode(new RandomInstructions(seed).Valid(3000));
        AssertBothDialectsMatch(TestObject.WithCode(encoded.Bytes));
    }

    [ToolTheory(LlvmObjdump.Tool)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_raw_slots_of_every_opcode_disassemble_as_llvm_objdump_does(int seed)
    {
        var random = new Random(seed);
        var code = new RandomInstructions(seed).Raw(4096);
        // A few symbols at random slots give blocks and jump labels to more than one symbol.
        var builder = new TestObject();
        int section = builder.AddSection("socket", code);
        builder.AddSymbol("entry", section, 0);
        for (int i = 0; i < 6; i++)
            builder.AddSymbol($"label_{i}", section, (ulong)random.Next(code.Length / 8) * 8, ElfSymbolType.NoType, ElfSymbolBinding.Local);
        AssertBothDialectsMatch(builder.Build());
    }

    private static void AssertBothDialectsMatch(ElfFile file)
    {
        var (path, plain) = LlvmObjdump.Disassemble(file);
        var (_, alu32) = LlvmObjdump.Disassemble(file, "--mattr=+alu32");
        LlvmObjdump.AssertSameText(alu32, LlvmObjdump.Ours(file, path, new() { Dialect = DisassemblyDialect.Alu32 }));
        LlvmObjdump.AssertSameText(LlvmObjdump.WithAlu32Atomics(plain, alu32), LlvmObjdump.Ours(file, path));
    }
}

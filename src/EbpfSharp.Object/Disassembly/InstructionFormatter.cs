using System.Diagnostics.CodeAnalysis;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// The text of one instruction exactly as <c>llvm-objdump-19 -d</c> prints it for BPF: <c>r2 = *(u32 *)(r1 + 0x4)</c>,
/// <c>if r1 &gt; r2 goto +0x15</c>, <c>r1 = 0x0 ll</c>. Encodings LLVM does not decode (unknown opcodes, registers
/// 12–15, reserved offsets or immediates LLVM checks) give <see cref="Unknown"/>, as llvm-objdump shows them.
/// Jump targets are printed as distances; <see cref="ObjectDisassembler"/> adds the <c>&lt;symbol+0x..&gt;</c> labels.
/// </summary>
public static class InstructionFormatter
{
    /// <summary>What llvm-objdump prints for bytes it cannot decode.</summary>
    public const string Unknown = "<unknown>";

    /// <summary>Formats one instruction as <c>llvm-objdump -d</c> does (see <see cref="DisassemblyDialect.Default"/>).</summary>
    public static string Format(Instruction instruction) => Format(instruction, DisassemblyDialect.Default);

    /// <summary>Formats one instruction in the given dialect, or returns <see cref="Unknown"/>.</summary>
    public static string Format(Instruction instruction, DisassemblyDialect dialect) =>
        TryFormat(instruction, dialect, out var text) ? text : Unknown;

    /// <summary>Formats one instruction; false when LLVM would not decode it.</summary>
    public static bool TryFormat(Instruction instruction, DisassemblyDialect dialect, [NotNullWhen(true)] out string? text)
    {
        var code = instruction.OpCode;
        text = code.Class switch
        {
            InstructionClass.Alu or InstructionClass.Alu64 => ArithmeticText.Format(instruction),
            InstructionClass.Jmp or InstructionClass.Jmp32 => JumpText.Format(instruction),
            _ => MemoryText.Format(instruction, dialect),
        };
        return text is not null;
    }

    /// <summary>
    /// For goto, gotol, may_goto and conditional jumps that LLVM decodes: the distance in slots from the next
    /// instruction (the offset, or the immediate of gotol). Null for every other instruction, calls included:
    /// llvm-objdump labels only these with a target symbol.
    /// </summary>
    public static long? BranchDistance(Instruction instruction) => JumpText.BranchDistance(instruction);
}

using EbpfSharp.Object.Instructions;
using static EbpfSharp.Object.Disassembly.LlvmSyntax;

namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// LD, LDX, ST and STX instructions as LLVM prints them. Loads ignore the immediate, ST ignores src, STX
/// ignores the immediate (except for atomics, where it is the operation); ld_imm64 requires a zero offset
/// and reads only the immediate of its second slot.
/// </summary>
internal static class MemoryText
{
    public static string? Format(Instruction instruction, DisassemblyDialect dialect)
    {
        var code = instruction.OpCode;
        return code.Class switch
        {
            InstructionClass.Ld => Load(instruction),
            InstructionClass.Ldx => RegisterLoad(instruction, dialect),
            InstructionClass.St => ImmediateStore(instruction),
            _ => RegisterStore(instruction, dialect),
        };
    }

    /// <summary>ld_imm64 and the legacy packet loads, which always load into r0.</summary>
    private static string? Load(Instruction instruction)
    {
        var code = instruction.OpCode;
        if (code == OpCode.LoadImmediate64)
        {
            if (!IsRegister(instruction.Destination) || instruction.Offset != 0)
                return null;
            string dst = Register(instruction.Destination);
            // Any nonzero src is a pseudo load; LLVM prints the raw src number and the low immediate unsigned.
            return instruction.Source == 0
                ? $"{dst} = {Hex(instruction.Constant)} ll"
                : $"ld_pseudo\t{dst}, {Hex((byte)instruction.Source)}, {Hex((uint)instruction.Immediate)}";
        }
        if (code.Size == AccessSize.DoubleWord)
            return null;
        return code.Mode switch
        {
            MemoryMode.Abs => $"r0 = *({Type(code.Size)} *)skb[{Hex(instruction.Immediate)}]",
            // LLVM prints only the register of an indirect packet load, not the immediate added to it.
            MemoryMode.Ind when IsRegister(instruction.Source) => $"r0 = *({Type(code.Size)} *)skb[{Register(instruction.Source)}]",
            _ => null,
        };
    }

    private static string? RegisterLoad(Instruction instruction, DisassemblyDialect dialect)
    {
        var code = instruction.OpCode;
        if (!IsRegister(instruction.Destination) || !IsRegister(instruction.Source))
            return null;
        string address = Address(instruction.Source, instruction.Offset);
        return code.Mode switch
        {
            MemoryMode.Mem => $"{ValueRegister(instruction.Destination, code.Size, dialect)} = *({Type(code.Size)} *)({address})",
            MemoryMode.MemSx when code.Size != AccessSize.DoubleWord =>
                $"{Register(instruction.Destination)} = *({Type(code.Size, signed: true)} *)({address})",
            _ => null,
        };
    }

    private static string? ImmediateStore(Instruction instruction)
    {
        var code = instruction.OpCode;
        if (code.Mode != MemoryMode.Mem || !IsRegister(instruction.Destination))
            return null;
        return $"*({Type(code.Size)} *)({Address(instruction.Destination, instruction.Offset)}) = {Hex(instruction.Immediate)}";
    }

    private static string? RegisterStore(Instruction instruction, DisassemblyDialect dialect)
    {
        var code = instruction.OpCode;
        if (!IsRegister(instruction.Destination) || !IsRegister(instruction.Source))
            return null;
        return code.Mode switch
        {
            MemoryMode.Mem =>
                $"*({Type(code.Size)} *)({Address(instruction.Destination, instruction.Offset)}) = {ValueRegister(instruction.Source, code.Size, dialect)}",
            MemoryMode.Atomic => AtomicText.Format(instruction),
            _ => null,
        };
    }

    /// <summary>With alu32, LLVM decodes sub-64-bit LDX/STX MEM with the 32-bit register class (BPFDisassembler.cpp).</summary>
    private static string ValueRegister(Register register, AccessSize size, DisassemblyDialect dialect) =>
        Register(register, subRegister: dialect == DisassemblyDialect.Alu32 && size != AccessSize.DoubleWord);
}

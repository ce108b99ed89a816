using EbpfSharp.Object.Instructions;
using static EbpfSharp.Object.Disassembly.LlvmSyntax;

namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// ALU and ALU64 instructions as LLVM prints them. LLVM checks the offset field (0, or the v4 modifiers:
/// 1 for sdiv/smod and addr_space_cast, 8/16/32 for movsx) but ignores src on immediate forms and the
/// immediate on register forms; NEG ignores everything but dst.
/// </summary>
internal static class ArithmeticText
{
    public static string? Format(Instruction instruction)
    {
        var code = instruction.OpCode;
        bool is32 = code.Class == InstructionClass.Alu;
        var destination = instruction.Destination;
        if (!IsRegister(destination))
            return null;
        string dst = Register(destination, is32);

        switch (code.AluOperation)
        {
            case AluOperation.Neg:
                return code.Source == OperandSource.Immediate ? $"{dst} = -{dst}" : null;
            case AluOperation.End:
                return ByteOrder(instruction);
            case > AluOperation.End:
                return null;
        }

        bool byRegister = code.Source == OperandSource.Register;
        if (byRegister && !IsRegister(instruction.Source))
            return null;
        string operand = byRegister ? Register(instruction.Source, is32) : Hex(instruction.Immediate);

        return (code.AluOperation, instruction.Offset) switch
        {
            (_, 0) => $"{dst} {Operator(code.AluOperation)} {operand}",
            (AluOperation.Div, 1) => $"{dst} s/= {operand}",
            (AluOperation.Mod, 1) => $"{dst} s%= {operand}",
            (AluOperation.Mov, _) when byRegister => SignExtendingMove(instruction, is32),
            _ => null,
        };
    }

    private static string Operator(AluOperation operation) => operation switch
    {
        AluOperation.Add => "+=",
        AluOperation.Sub => "-=",
        AluOperation.Mul => "*=",
        AluOperation.Div => "/=",
        AluOperation.Or => "|=",
        AluOperation.And => "&=",
        AluOperation.Lsh => "<<=",
        AluOperation.Rsh => ">>=",
        AluOperation.Mod => "%=",
        AluOperation.Xor => "^=",
        AluOperation.Mov => "=",
        AluOperation.Arsh => "s>>=",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a two-operand ALU operation."),
    };

    /// <summary>MOV X with a nonzero offset: movsx (8/16, and 32 in ALU64) or, with offset 1, addr_space_cast.</summary>
    private static string? SignExtendingMove(Instruction instruction, bool is32)
    {
        string dst = Register(instruction.Destination, is32);
        string src = Register(instruction.Source, is32);
        return (instruction.Offset, is32) switch
        {
            (8 or 16, _) or (32, false) => $"{dst} = (s{instruction.Offset}){src}",
            // LLVM: BPFInstrInfo.td, ADDR_SPACE_CAST puts dst_as in imm[31:16] and src_as in imm[15:0].
            (1, false) => $"{dst} = addr_space_cast({src}, {Hex((uint)instruction.Immediate >> 16)}, {Hex(instruction.Immediate & 0xffff)})",
            _ => null,
        };
    }

    /// <summary>
    /// END: ALU K is <c>le</c>, ALU X is <c>be</c>, ALU64 K is the v4 unconditional <c>bswap</c>; the immediate
    /// is the width and must be 16, 32 or 64. LLVM prints r registers even in the 32-bit class.
    /// </summary>
    private static string? ByteOrder(Instruction instruction)
    {
        var code = instruction.OpCode;
        string? name = (code.Class, code.Source) switch
        {
            (InstructionClass.Alu, OperandSource.Immediate) => "le",
            (InstructionClass.Alu, OperandSource.Register) => "be",
            (InstructionClass.Alu64, OperandSource.Immediate) => "bswap",
            _ => null,
        };
        if (name is null || instruction.Immediate is not (16 or 32 or 64))
            return null;
        string dst = Register(instruction.Destination);
        return $"{dst} = {name}{instruction.Immediate} {dst}";
    }
}

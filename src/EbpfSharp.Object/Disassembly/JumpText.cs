using EbpfSharp.Object.Instructions;
using static EbpfSharp.Object.Disassembly.LlvmSyntax;

namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// JMP and JMP32 instructions as LLVM prints them. Conditional jumps ignore src on immediate forms and the
/// immediate on register forms; goto, gotol, may_goto and call read only their distance or immediate;
/// exit requires a zero immediate.
/// </summary>
internal static class JumpText
{
    public static string? Format(Instruction instruction)
    {
        var code = instruction.OpCode;
        bool is32 = code.Class == InstructionClass.Jmp32;
        bool byRegister = code.Source == OperandSource.Register;
        switch (code.JumpOperation)
        {
            case JumpOperation.Ja when !byRegister:
                return is32 ? $"gotol {Distance(instruction.Immediate)}" : $"goto {Distance(instruction.Offset)}";
            case JumpOperation.Call when !is32:
                if (!byRegister)
                    return $"call {Hex(instruction.Immediate)}";
                // callx names its target register in dst (LLVM: BPFInstrInfo.td, JALX).
                return IsRegister(instruction.Destination) ? $"callx {Register(instruction.Destination)}" : null;
            case JumpOperation.Exit when !is32 && !byRegister:
                return instruction.Immediate == 0 ? "exit" : null;
            case JumpOperation.Jcond when !is32 && !byRegister:
                return $"may_goto {Distance(instruction.Offset)}";
            case JumpOperation.Ja or JumpOperation.Call or JumpOperation.Exit or JumpOperation.Jcond or > JumpOperation.Jcond:
                return null;
        }

        if (!IsRegister(instruction.Destination) || (byRegister && !IsRegister(instruction.Source)))
            return null;
        string operand = byRegister ? Register(instruction.Source, is32) : Hex(instruction.Immediate);
        return $"if {Register(instruction.Destination, is32)} {Comparison(code.JumpOperation)} {operand} goto {Distance(instruction.Offset)}";
    }

    /// <summary>
    /// The distance in slots, counted from the next instruction, of a jump LLVM decodes (goto, gotol, may_goto,
    /// conditional jumps); null for anything else, including calls.
    /// </summary>
    public static long? BranchDistance(Instruction instruction)
    {
        var code = instruction.OpCode;
        if (!code.IsJumpClass || Format(instruction) is null)
            return null;
        return code.JumpOperation switch
        {
            JumpOperation.Call or JumpOperation.Exit => null,
            JumpOperation.Ja when code.Class == InstructionClass.Jmp32 => instruction.Immediate,
            _ => instruction.Offset,
        };
    }

    private static string Comparison(JumpOperation operation) => operation switch
    {
        JumpOperation.Jeq => "==",
        JumpOperation.Jgt => ">",
        JumpOperation.Jge => ">=",
        JumpOperation.Jset => "&",
        JumpOperation.Jne => "!=",
        JumpOperation.Jsgt => "s>",
        JumpOperation.Jsge => "s>=",
        JumpOperation.Jlt => "<",
        JumpOperation.Jle => "<=",
        JumpOperation.Jslt => "s<",
        JumpOperation.Jsle => "s<=",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a conditional jump."),
    };
}

namespace EbpfSharp.Object.Disassembly;

using EbpfSharp.Object.Instructions;

/// <summary>Placeholder replaced by the disassembler work.</summary>
public static class InstructionFormatter
{
    /// <summary>Formats one instruction.</summary>
    public static string Format(Instruction instruction) => instruction.OpCode.ToString();
}

namespace EbpfSharp.Object.Instructions;

/// <summary>Bit 3 of an arithmetic or jump opcode: whether the second operand is the immediate or a register.</summary>
public enum OperandSource : byte
{
    /// <summary>BPF_K: the 32-bit immediate, sign-extended.</summary>
    Immediate = 0x00,
    /// <summary>BPF_X: the source register.</summary>
    Register = 0x08,
}

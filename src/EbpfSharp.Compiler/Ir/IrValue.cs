namespace EbpfSharp.Compiler.Ir;

/// <summary>
/// An operand: a constant or the result of an instruction. Every value is a 64-bit register in the end;
/// <see cref="Wide"/> says whether all 64 bits are meaningful or the value is a 32-bit integer kept
/// zero-extended (the form ALU32 instructions leave).
/// </summary>
internal abstract class IrValue
{
    /// <summary>64-bit (long, ulong, pointers) rather than 32-bit canonical (int, uint, and narrower).</summary>
    public bool Wide { get; set; }
}

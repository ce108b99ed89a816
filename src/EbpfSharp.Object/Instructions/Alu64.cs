namespace EbpfSharp.Object.Instructions;

/// <summary>64-bit arithmetic (class ALU64): <c>Alu64.Add.Imm(Register.R1, 22)</c> is <c>r1 += 0x16</c>.</summary>
public static class Alu64
{
    /// <summary>r += x</summary>
    public static ArithmeticOperation Add => new(InstructionClass.Alu64, AluOperation.Add);
    /// <summary>r -= x</summary>
    public static ArithmeticOperation Sub => new(InstructionClass.Alu64, AluOperation.Sub);
    /// <summary>r *= x</summary>
    public static ArithmeticOperation Mul => new(InstructionClass.Alu64, AluOperation.Mul);
    /// <summary>r /= x, unsigned</summary>
    public static ArithmeticOperation Div => new(InstructionClass.Alu64, AluOperation.Div);
    /// <summary>r s/= x, signed (ISA v4)</summary>
    public static ArithmeticOperation SDiv => new(InstructionClass.Alu64, AluOperation.Div, 1);
    /// <summary>r |= x</summary>
    public static ArithmeticOperation Or => new(InstructionClass.Alu64, AluOperation.Or);
    /// <summary>r &amp;= x</summary>
    public static ArithmeticOperation And => new(InstructionClass.Alu64, AluOperation.And);
    /// <summary>r &lt;&lt;= x</summary>
    public static ArithmeticOperation Lsh => new(InstructionClass.Alu64, AluOperation.Lsh);
    /// <summary>r &gt;&gt;= x, logical</summary>
    public static ArithmeticOperation Rsh => new(InstructionClass.Alu64, AluOperation.Rsh);
    /// <summary>r %= x, unsigned</summary>
    public static ArithmeticOperation Mod => new(InstructionClass.Alu64, AluOperation.Mod);
    /// <summary>r s%= x, signed (ISA v4)</summary>
    public static ArithmeticOperation SMod => new(InstructionClass.Alu64, AluOperation.Mod, 1);
    /// <summary>r ^= x</summary>
    public static ArithmeticOperation Xor => new(InstructionClass.Alu64, AluOperation.Xor);
    /// <summary>r = x</summary>
    public static ArithmeticOperation Mov => new(InstructionClass.Alu64, AluOperation.Mov);
    /// <summary>r s&gt;&gt;= x, arithmetic</summary>
    public static ArithmeticOperation Arsh => new(InstructionClass.Alu64, AluOperation.Arsh);

    /// <summary><c>r = -r</c></summary>
    public static Instruction Neg(Register destination) =>
        new(OpCode.Arithmetic(InstructionClass.Alu64, AluOperation.Neg, OperandSource.Immediate), destination, 0, 0, 0);

    /// <summary><c>r = (s8/s16/s32)r2</c>: sign-extending move from the low 8, 16 or 32 bits (ISA v4).</summary>
    public static Instruction MovSignExtend(Register destination, Register source, int fromBits) =>
        new(OpCode.Arithmetic(InstructionClass.Alu64, AluOperation.Mov, OperandSource.Register), destination, source,
            CheckBits(fromBits, 8, 16, 32), 0);

    /// <summary><c>r = bswap16/32/64 r</c>: unconditional byte swap (ISA v4).</summary>
    public static Instruction ByteSwap(Register destination, int bits) =>
        new(OpCode.Arithmetic(InstructionClass.Alu64, AluOperation.End, OperandSource.Immediate), destination, 0, 0,
            CheckBits(bits, 16, 32, 64));

    /// <summary>
    /// <c>r = addr_space_cast(r2, dst_as, src_as)</c>: converts a pointer between address spaces, such as an
    /// arena's user and kernel addresses (kernel 6.9; offset 1 marks MOV X as a cast, the immediate holds
    /// <c>dst_as &lt;&lt; 16 | src_as</c>, LLVM: BPFInstrInfo.td, ADDR_SPACE_CAST).
    /// </summary>
    public static Instruction AddressSpaceCast(Register destination, Register source, ushort destinationSpace, ushort sourceSpace) =>
        new(OpCode.Arithmetic(InstructionClass.Alu64, AluOperation.Mov, OperandSource.Register), destination, source, 1,
            (destinationSpace << 16) | sourceSpace);

    internal static short CheckBits(int bits, params int[] allowed) =>
        Array.IndexOf(allowed, bits) >= 0
            ? (short)bits
            : throw new ArgumentOutOfRangeException(nameof(bits), bits, $"Expected one of {string.Join(", ", allowed)} bits.");
}

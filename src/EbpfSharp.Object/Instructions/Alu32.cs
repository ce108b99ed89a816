namespace EbpfSharp.Object.Instructions;

/// <summary>32-bit arithmetic (class ALU) on the low halves; results are zero-extended: <c>Alu32.Mov.Imm(R0, 2)</c> is <c>w0 = 0x2</c>.</summary>
public static class Alu32
{
    /// <summary>w += x</summary>
    public static ArithmeticOperation Add => new(InstructionClass.Alu, AluOperation.Add);
    /// <summary>w -= x</summary>
    public static ArithmeticOperation Sub => new(InstructionClass.Alu, AluOperation.Sub);
    /// <summary>w *= x</summary>
    public static ArithmeticOperation Mul => new(InstructionClass.Alu, AluOperation.Mul);
    /// <summary>w /= x, unsigned</summary>
    public static ArithmeticOperation Div => new(InstructionClass.Alu, AluOperation.Div);
    /// <summary>w s/= x, signed (ISA v4)</summary>
    public static ArithmeticOperation SDiv => new(InstructionClass.Alu, AluOperation.Div, 1);
    /// <summary>w |= x</summary>
    public static ArithmeticOperation Or => new(InstructionClass.Alu, AluOperation.Or);
    /// <summary>w &amp;= x</summary>
    public static ArithmeticOperation And => new(InstructionClass.Alu, AluOperation.And);
    /// <summary>w &lt;&lt;= x</summary>
    public static ArithmeticOperation Lsh => new(InstructionClass.Alu, AluOperation.Lsh);
    /// <summary>w &gt;&gt;= x, logical</summary>
    public static ArithmeticOperation Rsh => new(InstructionClass.Alu, AluOperation.Rsh);
    /// <summary>w %= x, unsigned</summary>
    public static ArithmeticOperation Mod => new(InstructionClass.Alu, AluOperation.Mod);
    /// <summary>w s%= x, signed (ISA v4)</summary>
    public static ArithmeticOperation SMod => new(InstructionClass.Alu, AluOperation.Mod, 1);
    /// <summary>w ^= x</summary>
    public static ArithmeticOperation Xor => new(InstructionClass.Alu, AluOperation.Xor);
    /// <summary>w = x</summary>
    public static ArithmeticOperation Mov => new(InstructionClass.Alu, AluOperation.Mov);
    /// <summary>w s&gt;&gt;= x, arithmetic</summary>
    public static ArithmeticOperation Arsh => new(InstructionClass.Alu, AluOperation.Arsh);

    /// <summary><c>w = -w</c></summary>
    public static Instruction Neg(Register destination) =>
        new(OpCode.Arithmetic(InstructionClass.Alu, AluOperation.Neg, OperandSource.Immediate), destination, 0, 0, 0);

    /// <summary><c>w = (s8/s16)w2</c>: sign-extending 32-bit move (ISA v4).</summary>
    public static Instruction MovSignExtend(Register destination, Register source, int fromBits) =>
        new(OpCode.Arithmetic(InstructionClass.Alu, AluOperation.Mov, OperandSource.Register), destination, source,
            Alu64.CheckBits(fromBits, 8, 16), 0);

    /// <summary><c>r = be16/32/64 r</c>: convert between host order and big-endian (network) order.</summary>
    public static Instruction ToBigEndian(Register destination, int bits) =>
        new(OpCode.Arithmetic(InstructionClass.Alu, AluOperation.End, OperandSource.Register), destination, 0, 0,
            Alu64.CheckBits(bits, 16, 32, 64));

    /// <summary><c>r = le16/32/64 r</c>: convert between host order and little-endian order.</summary>
    public static Instruction ToLittleEndian(Register destination, int bits) =>
        new(OpCode.Arithmetic(InstructionClass.Alu, AluOperation.End, OperandSource.Immediate), destination, 0, 0,
            Alu64.CheckBits(bits, 16, 32, 64));
}

namespace EbpfSharp.Object.Instructions;

/// <summary>
/// The first byte of an instruction. Its meaning depends on the class in the low three bits:
/// <code>
///   arithmetic and jumps:   +--------+-+-----+     loads and stores:   +-----+--+-----+
///                           |  op(4) |s|cls(3)|                        |mode3|sz|cls(3)|
///                           +--------+-+-----+                         +-----+--+-----+
/// </code>
/// </summary>
public readonly record struct OpCode(byte Value)
{
    /// <summary>ld_imm64: <c>BPF_LD | BPF_IMM | BPF_DW</c>, the only two-slot instruction.</summary>
    public static readonly OpCode LoadImmediate64 = new(0x18);

    /// <summary>The class in the low three bits.</summary>
    public InstructionClass Class => (InstructionClass)(Value & 0x07);

    /// <summary>Whether the class is ALU or ALU64.</summary>
    public bool IsArithmetic => Class is InstructionClass.Alu or InstructionClass.Alu64;

    /// <summary>Whether the class is JMP or JMP32.</summary>
    public bool IsJumpClass => Class is InstructionClass.Jmp or InstructionClass.Jmp32;

    /// <summary>Whether the class is a load or store (LD, LDX, ST, STX).</summary>
    public bool IsMemory => Class is InstructionClass.Ld or InstructionClass.Ldx or InstructionClass.St or InstructionClass.Stx;

    /// <summary>The operation of an arithmetic opcode.</summary>
    public AluOperation AluOperation => (AluOperation)(Value & 0xf0);

    /// <summary>The operation of a jump opcode.</summary>
    public JumpOperation JumpOperation => (JumpOperation)(Value & 0xf0);

    /// <summary>Immediate or register second operand (arithmetic and jumps).</summary>
    public OperandSource Source => (OperandSource)(Value & 0x08);

    /// <summary>The addressing mode of a load or store.</summary>
    public MemoryMode Mode => (MemoryMode)(Value & 0xe0);

    /// <summary>The access width of a load or store.</summary>
    public AccessSize Size => (AccessSize)(Value & 0x18);

    /// <summary>Builds an arithmetic opcode.</summary>
    public static OpCode Arithmetic(InstructionClass @class, AluOperation operation, OperandSource source) =>
        new((byte)((byte)operation | (byte)source | (byte)@class));

    /// <summary>Builds a jump opcode.</summary>
    public static OpCode Jump(InstructionClass @class, JumpOperation operation, OperandSource source) =>
        new((byte)((byte)operation | (byte)source | (byte)@class));

    /// <summary>Builds a load or store opcode.</summary>
    public static OpCode Memory(InstructionClass @class, MemoryMode mode, AccessSize size) =>
        new((byte)((byte)mode | (byte)size | (byte)@class));

    /// <inheritdoc />
    public override string ToString() => $"0x{Value:x2}";
}

namespace EbpfSharp.Object.Instructions;

/// <summary>
/// One eBPF instruction as a value. Every instruction is one 8-byte slot except ld_imm64, which takes two
/// and carries a 64-bit <see cref="Constant"/>.
/// <code>
///   byte  0        1          2-3          4-7
///        +------+-----+-----+-------------+---------------------+
///        | code | src | dst | offset s16  | immediate s32       |   (slot 2 of ld_imm64: code=0, regs=0,
///        +------+-----+-----+-------------+---------------------+    offset=0, immediate = upper 32 bits)
///               hi nib lo nib (little-endian; kernel: include/uapi/linux/bpf.h, struct bpf_insn)
/// </code>
/// Jumps, calls and ld_imm64 may name their target symbolically with <see cref="Reference"/>, and any
/// instruction may carry a <see cref="Label"/>; <see cref="InstructionEncoder"/> resolves both in one step.
/// </summary>
public readonly record struct Instruction
{
    /// <summary>Creates an instruction from its fields.</summary>
    public Instruction(OpCode opCode, Register destination, Register source, short offset, long constant)
    {
        OpCode = opCode;
        Destination = destination;
        Source = source;
        Offset = offset;
        Constant = constant;
    }

    /// <summary>The opcode byte.</summary>
    public OpCode OpCode { get; init; }

    /// <summary>The destination register (low nibble of byte 1).</summary>
    public Register Destination { get; init; }

    /// <summary>The source register (high nibble of byte 1); for ld_imm64 and call, a pseudo source.</summary>
    public Register Source { get; init; }

    /// <summary>The signed 16-bit offset: memory displacement, jump distance in slots, or an opcode modifier.</summary>
    public short Offset { get; init; }

    /// <summary>The immediate: a sign-extended 32-bit value, or all 64 bits for ld_imm64.</summary>
    public long Constant { get; init; }

    /// <summary>The immediate as the 32 bits that are encoded in the first slot.</summary>
    public int Immediate => unchecked((int)Constant);

    /// <summary>A label that names this instruction's position, for jumps and calls in the same sequence.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// The symbol this instruction refers to: a label for jumps; a subprogram for calls; a map, global
    /// variable or function for ld_imm64. Unresolved references to other sections become relocations.
    /// </summary>
    public string? Reference { get; init; }

    /// <summary>Whether this is ld_imm64, which occupies two slots.</summary>
    public bool IsWide => OpCode == OpCode.LoadImmediate64;

    /// <summary>The number of 8-byte slots: 2 for ld_imm64, otherwise 1.</summary>
    public int Slots => IsWide ? 2 : 1;

    /// <summary>Whether this is a jump whose offset (or gotol immediate) names a target in the same sequence.</summary>
    public bool IsBranch => OpCode.IsJumpClass && OpCode.JumpOperation is not (JumpOperation.Call or JumpOperation.Exit);

    /// <summary>Whether this is a helper call (not a subprogram or kfunc call).</summary>
    public bool IsHelperCall => OpCode.Value == 0x85 && Source == 0;

    /// <summary>Whether this is a BPF-to-BPF call.</summary>
    public bool IsSubprogramCall => OpCode.Value == 0x85 && Source == PseudoSource.Call;

    /// <summary>Whether this is exit.</summary>
    public bool IsExit => OpCode.Value == 0x95;

    /// <summary>Whether this is gotol, whose distance is in the immediate.</summary>
    public bool IsLongJump => OpCode.Value == 0x06;

    /// <summary>This instruction with a label naming its position.</summary>
    public Instruction WithLabel(string label) => this with { Label = label };

    /// <summary>This instruction with a symbolic reference.</summary>
    public Instruction WithReference(string reference) => this with { Reference = reference };

    /// <summary>Writes the instruction's <see cref="Slots"/> × 8 bytes, little-endian.</summary>
    public void EncodeTo(Span<byte> destination)
    {
        if (destination.Length < Slots * 8)
            throw new ArgumentException($"An instruction of {Slots} slot(s) needs {Slots * 8} bytes.", nameof(destination));
        if (!IsWide && Constant is < int.MinValue or > int.MaxValue)
            throw new InvalidOperationException(
                $"The immediate 0x{Constant:x} of opcode {OpCode} does not fit in 32 bits; only ld_imm64 carries 64.");
        WriteSlot(destination, OpCode.Value, Destination, Source, Offset, Immediate);
        if (IsWide)
            WriteSlot(destination[8..], 0, 0, 0, 0, unchecked((int)(Constant >> 32)));
    }

    /// <summary>Decodes one instruction (two slots for ld_imm64) from the start of <paramref name="source"/>.</summary>
    /// <exception cref="ObjectFormatException">The bytes end inside the instruction.</exception>
    public static Instruction Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < 8)
            throw new ObjectFormatException($"An instruction needs 8 bytes, {source.Length} remain.");
        var code = new OpCode(source[0]);
        var destination = (Register)(source[1] & 0x0f);
        var sourceRegister = (Register)(source[1] >> 4);
        short offset = System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(source[2..]);
        int immediate = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(source[4..]);
        if (code != OpCode.LoadImmediate64)
            return new Instruction(code, destination, sourceRegister, offset, immediate);
        if (source.Length < 16)
            throw new ObjectFormatException("ld_imm64 needs a second 8-byte slot, but the code ends after the first.");
        uint high = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(source[12..]);
        long constant = (long)(((ulong)high << 32) | (uint)immediate);
        return new Instruction(code, destination, sourceRegister, offset, constant);
    }

    /// <summary>The disassembly of this instruction, as llvm-objdump prints it.</summary>
    public override string ToString() => Disassembly.InstructionFormatter.Format(this);

    private static void WriteSlot(Span<byte> slot, byte code, Register destination, Register source, short offset, int immediate)
    {
        slot[0] = code;
        slot[1] = (byte)(((byte)source << 4) | ((byte)destination & 0x0f));
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(slot[2..], offset);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(slot[4..], immediate);
    }
}

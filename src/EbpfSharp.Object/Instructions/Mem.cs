namespace EbpfSharp.Object.Instructions;

/// <summary>Loads and stores: <c>Mem.Load(AccessSize.Word, R2, R1, 4)</c> is <c>r2 = *(u32 *)(r1 + 0x4)</c>.</summary>
public static class Mem
{
    /// <summary><c>dst = *(uN *)(src + offset)</c>, zero-extending.</summary>
    public static Instruction Load(AccessSize size, Register destination, Register source, short offset) =>
        new(OpCode.Memory(InstructionClass.Ldx, MemoryMode.Mem, size), destination, source, offset, 0);

    /// <summary><c>dst = *(sN *)(src + offset)</c>, sign-extending (ISA v4; 8, 16 or 32 bits).</summary>
    public static Instruction LoadSignExtend(AccessSize size, Register destination, Register source, short offset) =>
        size == AccessSize.DoubleWord
            ? throw new ArgumentOutOfRangeException(nameof(size), "A sign-extending load reads 1, 2 or 4 bytes.")
            : new(OpCode.Memory(InstructionClass.Ldx, MemoryMode.MemSx, size), destination, source, offset, 0);

    /// <summary><c>*(uN *)(dst + offset) = src</c></summary>
    public static Instruction Store(AccessSize size, Register destination, short offset, Register source) =>
        new(OpCode.Memory(InstructionClass.Stx, MemoryMode.Mem, size), destination, source, offset, 0);

    /// <summary><c>*(uN *)(dst + offset) = imm</c></summary>
    public static Instruction StoreImm(AccessSize size, Register destination, short offset, int immediate) =>
        new(OpCode.Memory(InstructionClass.St, MemoryMode.Mem, size), destination, 0, offset, immediate);
}

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

/// <summary>Atomic read-modify-write on 4- or 8-byte memory (class STX, mode ATOMIC).</summary>
public static class Atomic
{
    /// <summary>
    /// <c>lock *(uN *)(dst + offset) op= src</c>; with <see cref="AtomicOperation.Fetch"/>, the old value is
    /// also returned in src. Exchange and compare-exchange always fetch.
    /// </summary>
    public static Instruction Apply(AtomicOperation operation, AccessSize size, Register destination, short offset, Register source)
    {
        if (size is not (AccessSize.Word or AccessSize.DoubleWord))
            throw new ArgumentOutOfRangeException(nameof(size), size, "Atomic operations are 4 or 8 bytes wide.");
        return new(OpCode.Memory(InstructionClass.Stx, MemoryMode.Atomic, size), destination, source, offset, (int)operation);
    }

    /// <summary><c>lock *(uN *)(dst + offset) += src</c>, optionally fetching the old value into src.</summary>
    public static Instruction Add(AccessSize size, Register destination, short offset, Register source, bool fetch = false) =>
        Apply(fetch ? AtomicOperation.Add | AtomicOperation.Fetch : AtomicOperation.Add, size, destination, offset, source);

    /// <summary><c>src = xchg(dst + offset, src)</c></summary>
    public static Instruction Exchange(AccessSize size, Register destination, short offset, Register source) =>
        Apply(AtomicOperation.Exchange, size, destination, offset, source);

    /// <summary><c>r0 = cmpxchg(dst + offset, r0, src)</c>: stores src if the memory equals r0; r0 gets the old value.</summary>
    public static Instruction CompareExchange(AccessSize size, Register destination, short offset, Register source) =>
        Apply(AtomicOperation.CompareExchange, size, destination, offset, source);
}

/// <summary>ld_imm64 in its forms, and the legacy packet loads.</summary>
public static class Ld
{
    /// <summary><c>dst = imm64 ll</c></summary>
    public static Instruction Imm64(Register destination, long value) =>
        new(OpCode.LoadImmediate64, destination, 0, 0, value);

    /// <summary><c>dst = map</c> by fd, as the kernel receives it (BPF_PSEUDO_MAP_FD).</summary>
    public static Instruction MapFd(Register destination, int mapFd) =>
        new(OpCode.LoadImmediate64, destination, PseudoSource.MapFd, 0, (uint)mapFd);

    /// <summary><c>dst = &amp;map.value[offset]</c> by fd (BPF_PSEUDO_MAP_VALUE), used for global data.</summary>
    public static Instruction MapValue(Register destination, int mapFd, int offset) =>
        new(OpCode.LoadImmediate64, destination, PseudoSource.MapValue, 0, ((long)offset << 32) | (uint)mapFd);

    /// <summary>
    /// <c>dst = symbol</c>: a map, global variable or function named symbolically, as in an object file
    /// (source 0, immediate 0, plus a relocation). The loader fills in the fd and pseudo source.
    /// </summary>
    public static Instruction Symbol(Register destination, string symbol, int addend = 0) =>
        new Instruction(OpCode.LoadImmediate64, destination, 0, 0, addend) with { Reference = symbol };

    /// <summary><c>dst = &amp;function</c> for callbacks (BPF_PSEUDO_FUNC), resolved to a pc-relative distance.</summary>
    public static Instruction Function(Register destination, string label) =>
        new Instruction(OpCode.LoadImmediate64, destination, PseudoSource.Function, 0, 0) with { Reference = label };

    /// <summary>Any ld_imm64 with an explicit pseudo source and both immediates.</summary>
    public static Instruction Pseudo(Register destination, Register pseudoSource, int immediate, int nextImmediate) =>
        new(OpCode.LoadImmediate64, destination, pseudoSource, 0, ((long)nextImmediate << 32) | (uint)immediate);

    /// <summary><c>r0 = *(uN *)skb[imm]</c>: legacy packet load (socket filters only; never emitted by the compiler).</summary>
    public static Instruction Absolute(AccessSize size, int offset) =>
        new(OpCode.Memory(InstructionClass.Ld, MemoryMode.Abs, size), 0, 0, 0, offset);

    /// <summary><c>r0 = *(uN *)skb[src + imm]</c>: legacy packet load (socket filters only).</summary>
    public static Instruction Indirect(AccessSize size, Register source, int offset) =>
        new(OpCode.Memory(InstructionClass.Ld, MemoryMode.Ind, size), 0, source, 0, offset);
}

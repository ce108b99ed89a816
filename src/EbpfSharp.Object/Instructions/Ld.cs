namespace EbpfSharp.Object.Instructions;

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

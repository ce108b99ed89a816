namespace EbpfSharp.Compiler.Ir;

/// <summary>The operation of an <see cref="IrInstruction"/>.</summary>
internal enum IrOpcode
{
    // Values
    /// <summary>The n-th argument (<see cref="IrInstruction.Immediate"/>), in R1–R5 on entry.</summary>
    Parameter,
    /// <summary>Copy of operand 0 (also widens a 32-bit value to 64 bits: it is already zero-extended).</summary>
    Copy,
    /// <summary>A constant in a register (for constants no instruction can take as an immediate).</summary>
    Materialize,
    Add, Sub, Mul, DivUnsigned, RemUnsigned, DivSigned, RemSigned, And, Or, Xor, ShiftLeft, ShiftRightUnsigned, ShiftRightSigned,
    Negate, Not,
    /// <summary>Sign-extends the low <see cref="IrInstruction.Size"/> bytes to the result's width.</summary>
    SignExtend,
    /// <summary>Keeps the low <see cref="IrInstruction.Size"/> bytes, clearing the rest.</summary>
    ZeroExtend,
    /// <summary>Reverses the low <see cref="IrInstruction.Size"/> bytes (result zero-extended).</summary>
    ByteSwap,
    /// <summary>0 or 1 by <see cref="IrInstruction.Condition"/> of operands 0 and 1.</summary>
    Compare,
    /// <summary>Loads <see cref="IrInstruction.Size"/> bytes, zero-extended, from operand 0 + <see cref="IrInstruction.Immediate"/>.</summary>
    Load,
    /// <summary>Stores the low <see cref="IrInstruction.Size"/> bytes of operand 1 at operand 0 + <see cref="IrInstruction.Immediate"/>.</summary>
    Store,
    /// <summary>Loads from frame object <see cref="IrInstruction.Frame"/> at offset <see cref="IrInstruction.Immediate"/>.</summary>
    LoadFrame,
    /// <summary>Stores operand 0 into frame object <see cref="IrInstruction.Frame"/> at offset <see cref="IrInstruction.Immediate"/>.</summary>
    StoreFrame,
    /// <summary>The address of frame object <see cref="IrInstruction.Frame"/> (a stack pointer).</summary>
    FrameAddress,
    /// <summary>The address of a global symbol (<see cref="IrInstruction.Symbol"/>), through ld_imm64 and a relocation.</summary>
    SymbolAddress,
    /// <summary>Kernel helper <see cref="IrInstruction.Immediate"/> with up to five arguments; result in R0.</summary>
    CallHelper,

    /// <summary>
    /// Atomic read-modify-write of <see cref="IrInstruction.Size"/> bytes at operand 0 with operand 1
    /// (<see cref="IrInstruction.Immediate"/> holds the <c>AtomicOperation</c>; compare-exchange takes the expected
    /// value as operand 2). When <see cref="IrInstruction.ProducesValue"/>, the result is the memory's old value.
    /// </summary>
    Atomic,
    /// <summary>BPF-to-BPF call of <see cref="IrInstruction.Symbol"/>; result in R0.</summary>
    CallFunction,
    /// <summary>SSA merge: operand i comes from predecessor i.</summary>
    Phi,

    // Terminators
    Jump,
    /// <summary>Jumps to target 0 when operand 0 is non-zero, else to target 1.</summary>
    Branch,
    /// <summary>Jumps to target 0 when <see cref="IrInstruction.Condition"/> holds for operands 0 and 1, else to target 1.</summary>
    CompareBranch,
    /// <summary>Jumps to target i when operand 0 equals i, else to the last target.</summary>
    Switch,
    /// <summary>Returns operand 0 (or nothing).</summary>
    Return,
}

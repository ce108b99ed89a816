namespace EbpfSharp.Object.Instructions;

/// <summary>The low three bits of an opcode (kernel: include/uapi/linux/bpf_common.h, BPF_CLASS).</summary>
public enum InstructionClass : byte
{
    /// <summary>Non-standard loads: ld_imm64 and the legacy packet loads.</summary>
    Ld = 0x00,
    /// <summary>Load from memory into a register.</summary>
    Ldx = 0x01,
    /// <summary>Store an immediate to memory.</summary>
    St = 0x02,
    /// <summary>Store a register to memory, and atomics.</summary>
    Stx = 0x03,
    /// <summary>32-bit arithmetic; results are zero-extended to 64 bits.</summary>
    Alu = 0x04,
    /// <summary>64-bit jumps, calls and exit.</summary>
    Jmp = 0x05,
    /// <summary>32-bit compares (ISA v3), and gotol (ISA v4).</summary>
    Jmp32 = 0x06,
    /// <summary>64-bit arithmetic.</summary>
    Alu64 = 0x07,
}

/// <summary>Bit 3 of an arithmetic or jump opcode: whether the second operand is the immediate or a register.</summary>
public enum OperandSource : byte
{
    /// <summary>BPF_K: the 32-bit immediate, sign-extended.</summary>
    Immediate = 0x00,
    /// <summary>BPF_X: the source register.</summary>
    Register = 0x08,
}

/// <summary>The high four bits of an arithmetic opcode (kernel: BPF_OP for BPF_ALU/BPF_ALU64).</summary>
public enum AluOperation : byte
{
    /// <summary>dst += src</summary>
    Add = 0x00,
    /// <summary>dst -= src</summary>
    Sub = 0x10,
    /// <summary>dst *= src</summary>
    Mul = 0x20,
    /// <summary>dst /= src (unsigned; offset 1 makes it signed, ISA v4)</summary>
    Div = 0x30,
    /// <summary>dst |= src</summary>
    Or = 0x40,
    /// <summary>dst &amp;= src</summary>
    And = 0x50,
    /// <summary>dst &lt;&lt;= src</summary>
    Lsh = 0x60,
    /// <summary>dst &gt;&gt;= src (logical)</summary>
    Rsh = 0x70,
    /// <summary>dst = -dst</summary>
    Neg = 0x80,
    /// <summary>dst %= src (unsigned; offset 1 makes it signed, ISA v4)</summary>
    Mod = 0x90,
    /// <summary>dst ^= src</summary>
    Xor = 0xa0,
    /// <summary>dst = src (offset 8/16/32 makes it sign-extending, ISA v4)</summary>
    Mov = 0xb0,
    /// <summary>dst s&gt;&gt;= src (arithmetic)</summary>
    Arsh = 0xc0,
    /// <summary>Byte order conversion; in ALU64 an unconditional byte swap (ISA v4).</summary>
    End = 0xd0,
}

/// <summary>The high four bits of a jump opcode (kernel: BPF_OP for BPF_JMP/BPF_JMP32).</summary>
public enum JumpOperation : byte
{
    /// <summary>Unconditional jump (goto; gotol in JMP32).</summary>
    Ja = 0x00,
    /// <summary>==</summary>
    Jeq = 0x10,
    /// <summary>&gt; unsigned</summary>
    Jgt = 0x20,
    /// <summary>&gt;= unsigned</summary>
    Jge = 0x30,
    /// <summary>dst &amp; src != 0</summary>
    Jset = 0x40,
    /// <summary>!=</summary>
    Jne = 0x50,
    /// <summary>&gt; signed</summary>
    Jsgt = 0x60,
    /// <summary>&gt;= signed</summary>
    Jsge = 0x70,
    /// <summary>Helper, subprogram or kfunc call.</summary>
    Call = 0x80,
    /// <summary>Return R0.</summary>
    Exit = 0x90,
    /// <summary>&lt; unsigned (ISA v2)</summary>
    Jlt = 0xa0,
    /// <summary>&lt;= unsigned (ISA v2)</summary>
    Jle = 0xb0,
    /// <summary>&lt; signed (ISA v2)</summary>
    Jslt = 0xc0,
    /// <summary>&lt;= signed (ISA v2)</summary>
    Jsle = 0xd0,
    /// <summary>may_goto: a loop escape the verifier bounds (kernel 6.9).</summary>
    Jcond = 0xe0,
}

/// <summary>Bits 5–7 of a load or store opcode (kernel: BPF_MODE).</summary>
public enum MemoryMode : byte
{
    /// <summary>ld_imm64 (with BPF_DW).</summary>
    Imm = 0x00,
    /// <summary>Legacy packet load at an absolute offset.</summary>
    Abs = 0x20,
    /// <summary>Legacy packet load at a register offset.</summary>
    Ind = 0x40,
    /// <summary>Regular memory access.</summary>
    Mem = 0x60,
    /// <summary>Sign-extending load (ISA v4).</summary>
    MemSx = 0x80,
    /// <summary>Atomic read-modify-write; the operation is in the immediate.</summary>
    Atomic = 0xc0,
}

/// <summary>Bits 3–4 of a load or store opcode (kernel: BPF_SIZE).</summary>
public enum AccessSize : byte
{
    /// <summary>4 bytes (BPF_W).</summary>
    Word = 0x00,
    /// <summary>2 bytes (BPF_H).</summary>
    Half = 0x08,
    /// <summary>1 byte (BPF_B).</summary>
    Byte = 0x10,
    /// <summary>8 bytes (BPF_DW).</summary>
    DoubleWord = 0x18,
}

/// <summary>The immediate of an atomic instruction (kernel: include/uapi/linux/bpf.h, BPF_FETCH and friends).</summary>
[Flags]
public enum AtomicOperation
{
    /// <summary>*ptr += src</summary>
    Add = 0x00,
    /// <summary>*ptr |= src</summary>
    Or = 0x40,
    /// <summary>*ptr &amp;= src</summary>
    And = 0x50,
    /// <summary>*ptr ^= src</summary>
    Xor = 0xa0,
    /// <summary>Also return the old value in src.</summary>
    Fetch = 0x01,
    /// <summary>src = xchg(*ptr, src) (always fetches).</summary>
    Exchange = 0xe0 | Fetch,
    /// <summary>r0 = cmpxchg(*ptr, r0, src) (always fetches).</summary>
    CompareExchange = 0xf0 | Fetch,
}

/// <summary>Values of <see cref="Instruction.Source"/> that give ld_imm64 and call a special meaning (kernel: BPF_PSEUDO_*).</summary>
public static class PseudoSource
{
    /// <summary>ld_imm64: the immediate is a map fd.</summary>
    public const Register MapFd = Register.R1;
    /// <summary>ld_imm64: the immediate is a map fd and the second immediate an offset into its value.</summary>
    public const Register MapValue = Register.R2;
    /// <summary>ld_imm64: the immediate is a kernel BTF id of a variable.</summary>
    public const Register BtfId = Register.R3;
    /// <summary>ld_imm64: the immediate is the pc-relative offset of a subprogram (callbacks).</summary>
    public const Register Function = Register.R4;
    /// <summary>ld_imm64: the immediate indexes fd_array.</summary>
    public const Register MapIndex = Register.R5;
    /// <summary>ld_imm64: the immediate indexes fd_array, the second immediate is a value offset.</summary>
    public const Register MapIndexValue = Register.R6;
    /// <summary>call: a BPF-to-BPF call, the immediate is pc-relative.</summary>
    public const Register Call = Register.R1;
    /// <summary>call: a kfunc, the immediate is its vmlinux BTF id.</summary>
    public const Register KernelFunctionCall = Register.R2;
}

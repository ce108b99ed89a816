namespace EbpfSharp.Object.Instructions;

/// <summary>Jumps, calls and exit (class JMP, 64-bit compares).</summary>
public static class Jmp
{
    /// <summary>if r == x</summary>
    public static JumpCondition Eq => new(InstructionClass.Jmp, JumpOperation.Jeq);
    /// <summary>if r != x</summary>
    public static JumpCondition Ne => new(InstructionClass.Jmp, JumpOperation.Jne);
    /// <summary>if r &gt; x, unsigned</summary>
    public static JumpCondition Gt => new(InstructionClass.Jmp, JumpOperation.Jgt);
    /// <summary>if r &gt;= x, unsigned</summary>
    public static JumpCondition Ge => new(InstructionClass.Jmp, JumpOperation.Jge);
    /// <summary>if r &lt; x, unsigned (ISA v2)</summary>
    public static JumpCondition Lt => new(InstructionClass.Jmp, JumpOperation.Jlt);
    /// <summary>if r &lt;= x, unsigned (ISA v2)</summary>
    public static JumpCondition Le => new(InstructionClass.Jmp, JumpOperation.Jle);
    /// <summary>if r s&gt; x</summary>
    public static JumpCondition SGt => new(InstructionClass.Jmp, JumpOperation.Jsgt);
    /// <summary>if r s&gt;= x</summary>
    public static JumpCondition SGe => new(InstructionClass.Jmp, JumpOperation.Jsge);
    /// <summary>if r s&lt; x (ISA v2)</summary>
    public static JumpCondition SLt => new(InstructionClass.Jmp, JumpOperation.Jslt);
    /// <summary>if r s&lt;= x (ISA v2)</summary>
    public static JumpCondition SLe => new(InstructionClass.Jmp, JumpOperation.Jsle);
    /// <summary>if r &amp; x</summary>
    public static JumpCondition Set => new(InstructionClass.Jmp, JumpOperation.Jset);

    /// <summary><c>goto label</c></summary>
    public static Instruction Ja(string label) => Ja(0) with { Reference = label };

    /// <summary><c>goto +offset</c></summary>
    public static Instruction Ja(short offset) =>
        new(OpCode.Jump(InstructionClass.Jmp, JumpOperation.Ja, OperandSource.Immediate), 0, 0, offset, 0);

    /// <summary><c>gotol label</c>: unconditional jump with a 32-bit distance (ISA v4).</summary>
    public static Instruction LongJump(string label) => LongJump(0) with { Reference = label };

    /// <summary><c>gotol +distance</c>: unconditional jump with a 32-bit distance (ISA v4).</summary>
    public static Instruction LongJump(int distance) =>
        new(OpCode.Jump(InstructionClass.Jmp32, JumpOperation.Ja, OperandSource.Immediate), 0, 0, 0, distance);

    /// <summary><c>may_goto label</c>: jump once the kernel's per-program loop budget runs out (kernel 6.9).</summary>
    public static Instruction MayGoto(string label) => MayGoto(0) with { Reference = label };

    /// <summary><c>may_goto +offset</c></summary>
    public static Instruction MayGoto(short offset) =>
        new(OpCode.Jump(InstructionClass.Jmp, JumpOperation.Jcond, OperandSource.Immediate), 0, 0, offset, 0);

    /// <summary><c>call helper</c>: a kernel helper by its id (kernel: enum bpf_func_id).</summary>
    public static Instruction Call(int helperId) =>
        new(OpCode.Jump(InstructionClass.Jmp, JumpOperation.Call, OperandSource.Immediate), 0, 0, 0, helperId);

    /// <summary>
    /// <c>call name</c>: a BPF-to-BPF call. Within one sequence the distance is resolved at encode time;
    /// otherwise the target must be a function in <c>.text</c> and a relocation is recorded.
    /// </summary>
    public static Instruction CallSubprogram(string name) =>
        new Instruction(OpCode.Jump(InstructionClass.Jmp, JumpOperation.Call, OperandSource.Immediate), 0,
            PseudoSource.Call, 0, -1) with { Reference = name };

    /// <summary><c>call +distance</c>: a BPF-to-BPF call by pc-relative distance.</summary>
    public static Instruction CallRelative(int distance) =>
        new(OpCode.Jump(InstructionClass.Jmp, JumpOperation.Call, OperandSource.Immediate), 0, PseudoSource.Call, 0, distance);

    /// <summary><c>call kfunc</c>: a kernel function by vmlinux (or module, via fd_array index) BTF id.</summary>
    public static Instruction CallKernelFunction(int btfId, short moduleIndex = 0) =>
        new(OpCode.Jump(InstructionClass.Jmp, JumpOperation.Call, OperandSource.Immediate), 0,
            PseudoSource.KernelFunctionCall, moduleIndex, btfId);

    /// <summary>
    /// <c>callx r</c>: an indirect call through a register, named in dst as LLVM encodes it (BPF_CALL | BPF_X).
    /// The verifier rejects it; clang emits it only at -O0.
    /// </summary>
    public static Instruction CallIndirect(Register target) =>
        new(OpCode.Jump(InstructionClass.Jmp, JumpOperation.Call, OperandSource.Register), target, 0, 0, 0);

    /// <summary><c>exit</c>: return R0.</summary>
    public static Instruction Exit() =>
        new(OpCode.Jump(InstructionClass.Jmp, JumpOperation.Exit, OperandSource.Immediate), 0, 0, 0, 0);
}

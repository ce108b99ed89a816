namespace EbpfSharp.Object.Instructions;

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

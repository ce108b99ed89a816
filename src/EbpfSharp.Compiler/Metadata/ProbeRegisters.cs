namespace EbpfSharp.Compiler.Metadata;

/// <summary>
/// Where a probe's registers are in the kernel's <c>struct pt_regs</c>, per architecture (kernel:
/// arch/x86/include/asm/ptrace.h, arch/arm64/include/asm/ptrace.h; libbpf's bpf_tracing.h PT_REGS_* macros).
/// </summary>
internal static class ProbeRegisters
{
    // x86-64: r15 0, r14 8, r13 16, r12 24, bp 32, bx 40, r11 48, r10 56, r9 64, r8 72, ax 80, cx 88, dx 96,
    // si 104, di 112, orig_ax 120, ip 128, cs 136, flags 144, sp 152, ss 160.
    private static readonly int[] X64Arguments = [112, 104, 96, 88, 72, 64];   // di si dx cx r8 r9

    /// <summary>The number of arguments passed in registers (<c>PT_REGS_PARM1</c>..).</summary>
    public static int MaxArguments(TargetArchitecture architecture) => architecture == TargetArchitecture.Arm64 ? 8 : 6;

    /// <summary>The offset of argument <paramref name="index"/> (from 0): rdi.. on x86-64, x0.. on arm64.</summary>
    public static int Argument(TargetArchitecture architecture, int index) =>
        architecture == TargetArchitecture.Arm64 ? 8 * index : X64Arguments[index];

    /// <summary><c>PT_REGS_RC</c>: rax on x86-64, x0 on arm64.</summary>
    public static int ReturnValue(TargetArchitecture architecture) => architecture == TargetArchitecture.Arm64 ? 0 : 80;

    /// <summary><c>PT_REGS_IP</c>: rip on x86-64, pc on arm64.</summary>
    public static int InstructionPointer(TargetArchitecture architecture) => architecture == TargetArchitecture.Arm64 ? 256 : 128;

    /// <summary><c>PT_REGS_SP</c>: rsp on x86-64, sp on arm64.</summary>
    public static int StackPointer(TargetArchitecture architecture) => architecture == TargetArchitecture.Arm64 ? 248 : 152;

    /// <summary><c>PT_REGS_FP</c>: rbp on x86-64, x29 on arm64.</summary>
    public static int FramePointer(TargetArchitecture architecture) => architecture == TargetArchitecture.Arm64 ? 232 : 32;

    /// <summary>The argument registers' names, for messages.</summary>
    public static string ArgumentNames(TargetArchitecture architecture) =>
        architecture == TargetArchitecture.Arm64 ? "x0–x7" : "rdi, rsi, rdx, rcx, r8, r9";

    public static string Name(TargetArchitecture architecture) => architecture == TargetArchitecture.Arm64 ? "arm64" : "x86-64";
}

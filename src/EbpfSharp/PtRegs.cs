using System.Runtime.InteropServices;

namespace EbpfSharp;

/// <summary>
/// The registers of the probed code (<c>struct pt_regs</c>), the context of kprobe, kretprobe, uprobe and
/// uretprobe programs: take it as <c>PtRegs* regs</c>. Read through the members below, which the compiler turns
/// into loads at the target architecture's offsets (x86-64 or arm64, from the build's
/// <c>EbpfSharpTargetArchitecture</c>, by default the build machine's). The registers are read-only.
/// On the CLR, <see cref="ForArguments"/> and <see cref="ForReturnValue"/> make one for tests; it is laid out as
/// on x86-64.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct PtRegs
{
    // x86-64's struct pt_regs (arch/x86/include/asm/ptrace.h): r15 r14 r13 r12 bp bx r11 r10 r9 r8 ax cx dx si di
    // orig_ax ip cs flags sp ss, 8 bytes each.
    private const int SlotCount = 21;
    private const int Bp = 4, Ax = 10, Ip = 16, Sp = 19;
    private static readonly int[] ArgumentSlots = [14, 13, 12, 11, 9, 8];   // di si dx cx r8 r9

    private fixed ulong _slots[SlotCount];

    /// <summary>The number of arguments <see cref="Arg"/> reads on x86-64 (on arm64: 8).</summary>
    public const int MaxArguments = 6;

    /// <summary>
    /// Argument <paramref name="index"/> (from 0) of the probed function, as the calling convention passes it in
    /// registers (<c>PT_REGS_PARMn</c>): on x86-64 rdi, rsi, rdx, rcx, r8, r9; on arm64 x0–x7. Pass a constant.
    /// Only meaningful at a function's entry (kprobe, uprobe).
    /// </summary>
    public readonly ulong Arg(int index) => index is >= 0 and < MaxArguments
        ? _slots[ArgumentSlots[index]]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"A probe reads arguments 0 to {MaxArguments - 1} from registers.");

    /// <summary>The function's return value (<c>PT_REGS_RC</c>: rax on x86-64, x0 on arm64); meaningful in return probes.</summary>
    public readonly ulong ReturnValue => _slots[Ax];

    /// <summary>The instruction pointer (<c>PT_REGS_IP</c>: rip on x86-64, pc on arm64).</summary>
    public readonly ulong InstructionPointer => _slots[Ip];

    /// <summary>The stack pointer (<c>PT_REGS_SP</c>: rsp on x86-64, sp on arm64).</summary>
    public readonly ulong StackPointer => _slots[Sp];

    /// <summary>The frame pointer (<c>PT_REGS_FP</c>: rbp on x86-64, x29 on arm64).</summary>
    public readonly ulong FramePointer => _slots[Bp];

    /// <summary>Registers holding <paramref name="arguments"/> as a function's first arguments, for running a handler on the CLR.</summary>
    public static PtRegs ForArguments(params ulong[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Length > MaxArguments)
            throw new ArgumentException($"A probe reads at most {MaxArguments} arguments from registers; {arguments.Length} were given.", nameof(arguments));
        var registers = default(PtRegs);
        for (int i = 0; i < arguments.Length; i++)
            registers._slots[ArgumentSlots[i]] = arguments[i];
        return registers;
    }

    /// <summary>Registers holding <paramref name="value"/> as a function's return value, for running a return-probe handler on the CLR.</summary>
    public static PtRegs ForReturnValue(ulong value)
    {
        var registers = default(PtRegs);
        registers._slots[Ax] = value;
        return registers;
    }

    /// <summary>These registers with the instruction, stack and frame pointers set, for running a handler on the CLR.</summary>
    public readonly PtRegs WithPointers(ulong instructionPointer, ulong stackPointer, ulong framePointer = 0)
    {
        var registers = this;
        registers._slots[Ip] = instructionPointer;
        registers._slots[Sp] = stackPointer;
        registers._slots[Bp] = framePointer;
        return registers;
    }
}

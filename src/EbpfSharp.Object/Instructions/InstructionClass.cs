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

namespace EbpfSharp.Object.Instructions;

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

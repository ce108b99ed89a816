namespace EbpfSharp.Object.Instructions;

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

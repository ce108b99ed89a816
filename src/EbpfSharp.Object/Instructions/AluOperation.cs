namespace EbpfSharp.Object.Instructions;

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

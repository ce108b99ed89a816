namespace EbpfSharp.Object.Instructions;

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

namespace EbpfSharp.Object.Instructions;

/// <summary>Jumps that compare the low 32 bits (class JMP32, ISA v3).</summary>
public static class Jmp32
{
    /// <summary>if w == x</summary>
    public static JumpCondition Eq => new(InstructionClass.Jmp32, JumpOperation.Jeq);
    /// <summary>if w != x</summary>
    public static JumpCondition Ne => new(InstructionClass.Jmp32, JumpOperation.Jne);
    /// <summary>if w &gt; x, unsigned</summary>
    public static JumpCondition Gt => new(InstructionClass.Jmp32, JumpOperation.Jgt);
    /// <summary>if w &gt;= x, unsigned</summary>
    public static JumpCondition Ge => new(InstructionClass.Jmp32, JumpOperation.Jge);
    /// <summary>if w &lt; x, unsigned</summary>
    public static JumpCondition Lt => new(InstructionClass.Jmp32, JumpOperation.Jlt);
    /// <summary>if w &lt;= x, unsigned</summary>
    public static JumpCondition Le => new(InstructionClass.Jmp32, JumpOperation.Jle);
    /// <summary>if w s&gt; x</summary>
    public static JumpCondition SGt => new(InstructionClass.Jmp32, JumpOperation.Jsgt);
    /// <summary>if w s&gt;= x</summary>
    public static JumpCondition SGe => new(InstructionClass.Jmp32, JumpOperation.Jsge);
    /// <summary>if w s&lt; x</summary>
    public static JumpCondition SLt => new(InstructionClass.Jmp32, JumpOperation.Jslt);
    /// <summary>if w s&lt;= x</summary>
    public static JumpCondition SLe => new(InstructionClass.Jmp32, JumpOperation.Jsle);
    /// <summary>if w &amp; x</summary>
    public static JumpCondition Set => new(InstructionClass.Jmp32, JumpOperation.Jset);
}

using EbpfSharp.Compiler.Ir;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Compiler.Registers;

/// <summary>
/// The span of linear positions over which a register's value is live, kept as one range (holes ignored:
/// conservative, and programs are small).
/// </summary>
internal sealed class LiveInterval(IrInstruction register)
{
    public IrInstruction Register { get; } = register;

    public int Start { get; set; } = int.MaxValue;

    public int End { get; set; } = int.MinValue;

    /// <summary>Live across a call: must be in a callee-saved register (R6–R9) or spilled.</summary>
    public bool CrossesCall { get; set; }

    /// <summary>A reload or spill-store temporary: never spilled again.</summary>
    public bool Unspillable { get; set; }

    public Register? Hint { get; set; }

    public void Extend(int position)
    {
        Start = Math.Min(Start, position);
        End = Math.Max(End, position);
    }

    public override string ToString() => $"v{Register.Id} [{Start}, {End}]{(CrossesCall ? " call" : "")}";
}

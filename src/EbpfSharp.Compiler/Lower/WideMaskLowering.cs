using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Lower;

/// <summary>
/// Turns <c>x &amp; 0xFFFFFFFF</c> on a 64-bit value into a zero-extension of its low half, one <c>w1 = w2</c>:
/// the mask does not fit an instruction's sign-extended 32-bit immediate, so the AND would first load it with
/// <c>ld_imm64</c> (three instructions). Checksum folding (<c>sum &amp; 0xFFFFFFFF) + (sum &gt;&gt; 32)</c>) has one.
/// </summary>
internal static class WideMaskLowering
{
    public static void Run(IrFunction function)
    {
        foreach (var instruction in function.AllInstructions)
            if (instruction is { Opcode: IrOpcode.And, Wide: true } && instruction.Operands[1] is IrConstant { Value: 0xFFFFFFFFL })
            {
                instruction.Opcode = IrOpcode.ZeroExtend;
                instruction.Size = 4;
                instruction.Operands.RemoveAt(1);
            }
    }
}

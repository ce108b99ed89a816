using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Lower;

/// <summary>
/// Signed division and remainder by a positive power of two 2^k become shifts, the way C compilers do it:
/// <c>bias = (x s&gt;&gt; (w - 1)) u&gt;&gt; (w - k)</c> (2^k - 1 for a negative x, so the quotient truncates toward zero),
/// <c>x / 2^k = (x + bias) s&gt;&gt; k</c> and <c>x % 2^k = ((x + bias) &amp; (2^k - 1)) - bias</c>. Besides being shorter than the
/// magnitudes-and-unsigned-division of <see cref="SignedDivisionLowering"/>, the verifier keeps a value's bounds
/// through shifts and masks, which it drops across a division (even ISA v4's <c>sdiv</c>). Non-negative
/// dividends were already made a plain shift or mask by <c>RangeSimplification</c>.
/// </summary>
internal static class PowerOfTwoDivision
{
    public static void Run(IrFunction function)
    {
        foreach (var block in function.Blocks)
            for (int i = 0; i < block.Instructions.Count; i++)
            {
                var instruction = block.Instructions[i];
                if (instruction.Opcode is not (IrOpcode.DivSigned or IrOpcode.RemSigned) || instruction.Operands[1] is not IrConstant divisor)
                    continue;
                bool wide = instruction.Wide;
                int width = wide ? 64 : 32;
                long value = wide ? divisor.Value : divisor.Int32;
                if (value < 2 || (value & (value - 1)) != 0)
                    continue;
                int k = System.Numerics.BitOperations.Log2((ulong)value);
                var inserted = new List<IrInstruction>();
                IrInstruction Add(IrOpcode opcode, params IrValue[] operands)
                {
                    var created = function.New(opcode, wide, operands);
                    created.Location = instruction.Location;
                    created.Block = block;
                    inserted.Add(created);
                    return created;
                }
                var x = instruction.Operands[0];
                IrInstruction bias = k == 1
                    ? Add(IrOpcode.ShiftRightUnsigned, x, IrConstant.Of(width - 1, wide))
                    : Add(IrOpcode.ShiftRightUnsigned, Add(IrOpcode.ShiftRightSigned, x, IrConstant.Of(width - 1, wide)), IrConstant.Of(width - k, wide));
                var biased = Add(IrOpcode.Add, x, bias);
                if (instruction.Opcode == IrOpcode.DivSigned)
                {
                    instruction.Opcode = IrOpcode.ShiftRightSigned;
                    instruction.Operands[0] = biased;
                    instruction.Operands[1] = IrConstant.Of(k, wide);
                }
                else
                {
                    // ((x + bias) & (2^k - 1)) - bias: both terms bounded, so the verifier bounds the remainder too.
                    var low = Add(IrOpcode.And, biased, IrConstant.Of(value - 1, wide));
                    instruction.Opcode = IrOpcode.Sub;
                    instruction.Operands[0] = low;
                    instruction.Operands[1] = bias;
                }
                block.Instructions.InsertRange(i, inserted);
                i += inserted.Count;
            }
    }
}

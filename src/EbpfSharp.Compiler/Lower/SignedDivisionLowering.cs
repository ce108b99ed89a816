using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Lower;

/// <summary>
/// Before ISA v4 eBPF divides only unsigned. Signed division and remainder become the unsigned operation on
/// magnitudes with the sign put back, branch-free: |x| = (x ^ s) - s where s = x >> (width - 1) (arithmetic);
/// the quotient's sign is that of a ^ b, the remainder's that of a (C# and IL truncate toward zero).
/// </summary>
internal static class SignedDivisionLowering
{
    public static void Run(IrFunction function)
    {
        foreach (var block in function.Blocks)
            for (int i = 0; i < block.Instructions.Count; i++)
            {
                var instruction = block.Instructions[i];
                if (instruction.Opcode is not (IrOpcode.DivSigned or IrOpcode.RemSigned))
                    continue;
                var inserted = new List<IrInstruction>();
                bool wide = instruction.Wide;
                IrInstruction Add(IrOpcode opcode, params IrValue[] operands)
                {
                    var created = function.New(opcode, wide, operands);
                    created.Location = instruction.Location;
                    created.Block = block;
                    inserted.Add(created);
                    return created;
                }
                var shift = IrConstant.Of(wide ? 63 : 31, wide);
                var a = instruction.Operands[0];
                var b = instruction.Operands[1];
                var signA = Add(IrOpcode.ShiftRightSigned, a, shift);
                var signB = Add(IrOpcode.ShiftRightSigned, b, shift);
                var magnitudeA = Add(IrOpcode.Sub, Add(IrOpcode.Xor, a, signA), signA);
                var magnitudeB = Add(IrOpcode.Sub, Add(IrOpcode.Xor, b, signB), signB);
                IrInstruction sign;
                if (instruction.Opcode == IrOpcode.DivSigned)
                {
                    instruction.Opcode = IrOpcode.DivUnsigned;
                    sign = Add(IrOpcode.Xor, signA, signB);
                }
                else
                {
                    instruction.Opcode = IrOpcode.RemUnsigned;
                    sign = signA;
                }
                var unsigned = Add(IrOpcode.DivUnsigned, magnitudeA, magnitudeB);
                unsigned.Opcode = instruction.Opcode;
                var result = Add(IrOpcode.Sub, Add(IrOpcode.Xor, unsigned, sign), sign);
                // The original instruction becomes a copy of the result, so its uses need no rewriting.
                instruction.Opcode = IrOpcode.Copy;
                instruction.Operands.Clear();
                instruction.Operands.Add(result);
                block.Instructions.InsertRange(i, inserted);
                i += inserted.Count;
            }
    }
}

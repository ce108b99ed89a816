using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Lower;

/// <summary>
/// ISA v2 has no 32-bit jumps: 32-bit values are kept zero-extended, so equality and unsigned compares work
/// on 64 bits as they are, and signed compares get sign-extended operands.
/// </summary>
internal static class CompareLowering
{
    public static void Run(IrFunction function, IsaVersion isa)
    {
        if (isa >= IsaVersion.V3)
            return;
        foreach (var block in function.Blocks)
            for (int i = 0; i < block.Instructions.Count; i++)
            {
                var instruction = block.Instructions[i];
                if (instruction.Opcode is not (IrOpcode.Compare or IrOpcode.CompareBranch) || instruction.Size != 4)
                    continue;
                instruction.Size = 8;
                if (!instruction.Condition.IsSigned())
                    continue;
                for (int operand = 0; operand < 2; operand++)
                {
                    if (instruction.Operands[operand] is IrConstant constant)
                    {
                        instruction.Operands[operand] = IrConstant.Of64(constant.Int32);
                        continue;
                    }
                    var extend = function.New(IrOpcode.SignExtend, true, instruction.Operands[operand]);
                    extend.Size = 4;
                    extend.Location = instruction.Location;
                    extend.Block = block;
                    block.Instructions.Insert(i++, extend);
                    instruction.Operands[operand] = extend;
                }
            }
    }
}

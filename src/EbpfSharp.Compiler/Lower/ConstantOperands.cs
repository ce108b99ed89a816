using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Lower;

/// <summary>
/// Leaves a constant in place where the instruction has an immediate form that holds it, and otherwise loads
/// it into a register first (<see cref="IrOpcode.Materialize"/>). Immediates are 32 bits, sign-extended by
/// 64-bit instructions; the verifier rejects division by an immediate zero and out-of-range shift counts.
/// </summary>
internal static class ConstantOperands
{
    public static void Run(IrFunction function)
    {
        foreach (var block in function.Blocks)
            for (int i = 0; i < block.Instructions.Count; i++)
            {
                var instruction = block.Instructions[i];
                for (int operand = 0; operand < instruction.Operands.Count; operand++)
                {
                    if (instruction.Operands[operand] is not IrConstant constant || ImmediateAllowed(instruction, operand, constant))
                        continue;
                    var materialize = function.New(IrOpcode.Materialize, constant.Wide || instruction.Wide, constant);
                    materialize.Location = instruction.Location;
                    materialize.Block = block;
                    block.Instructions.Insert(i++, materialize);
                    instruction.Operands[operand] = materialize;
                }
            }
    }

    private static bool Fits32(long value) => value is >= int.MinValue and <= int.MaxValue;

    private static bool ImmediateAllowed(IrInstruction instruction, int operand, IrConstant constant)
    {
        switch (instruction.Opcode)
        {
            case IrOpcode.Materialize or IrOpcode.CallHelper or IrOpcode.CallFunction or IrOpcode.Return:
                return true;
            case IrOpcode.ShiftLeft or IrOpcode.ShiftRightSigned or IrOpcode.ShiftRightUnsigned when operand == 1:
                return true;
            case IrOpcode.DivUnsigned or IrOpcode.RemUnsigned or IrOpcode.DivSigned or IrOpcode.RemSigned when operand == 1:
                return constant.Value != 0 && (!instruction.Wide || Fits32(constant.Value));
            case IrOpcode.Add or IrOpcode.Sub or IrOpcode.Mul or IrOpcode.And or IrOpcode.Or or IrOpcode.Xor when operand == 1:
                return !instruction.Wide || Fits32(constant.Value);
            case IrOpcode.Compare or IrOpcode.CompareBranch when operand == 1:
                return instruction.Size == 4 || Fits32(constant.Value);
            case IrOpcode.Store when operand == 1:
                return instruction.Size < 8 || Fits32(constant.Value);
            case IrOpcode.StoreFrame:
                return instruction.Size < 8 || Fits32(constant.Value);
            case IrOpcode.Atomic when operand == 1:
                // Loaded into R0 by the emitter, except compare-exchange's new value, which needs its own register.
                return instruction.Immediate != (long)Object.Instructions.AtomicOperation.CompareExchange;
            case IrOpcode.Atomic when operand == 2:
                return true;
            default:
                return false;
        }
    }
}

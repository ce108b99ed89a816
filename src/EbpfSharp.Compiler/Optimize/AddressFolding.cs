using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>Folds a constant added to an address into the load or store's 16-bit offset: <c>*(u16 *)(r1 + 12)</c>.</summary>
internal static class AddressFolding
{
    public static bool Run(IrFunction function)
    {
        bool changed = false;
        foreach (var instruction in function.AllInstructions)
        {
            if (instruction.Opcode is not (IrOpcode.Load or IrOpcode.Store))
                continue;
            if (instruction.Operands[0] is IrInstruction { Opcode: IrOpcode.Add, Wide: true } add && add.Operands[1] is IrConstant offset
                && add.Operands[0] is IrInstruction && instruction.Immediate + offset.Value is >= short.MinValue and <= short.MaxValue)
            {
                instruction.Operands[0] = add.Operands[0];
                instruction.Immediate += offset.Value;
                changed = true;
            }
        }
        return changed;
    }
}

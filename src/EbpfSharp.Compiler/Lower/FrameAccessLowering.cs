using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Lower;

/// <summary>Loads and stores at a stack object's address become R10-relative accesses, needing no address register.</summary>
internal static class FrameAccessLowering
{
    public static void Run(IrFunction function)
    {
        foreach (var instruction in function.AllInstructions)
        {
            if (instruction.Opcode is not (IrOpcode.Load or IrOpcode.Store) || instruction.Operands[0] is not IrInstruction { Opcode: IrOpcode.FrameAddress } address)
                continue;
            instruction.Frame = address.Frame;
            instruction.Operands.RemoveAt(0);
            instruction.Opcode = instruction.Opcode == IrOpcode.Load ? IrOpcode.LoadFrame : IrOpcode.StoreFrame;
        }
    }
}

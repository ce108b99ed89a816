using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Lower;

/// <summary>
/// Leaves SSA: each phi gets a temporary register that every predecessor writes just before its terminator,
/// and the phi becomes a copy of it at the top of its block. Going through a fresh temporary per phi avoids
/// the lost-copy and swap problems without splitting edges; register allocation coalesces the copies.
/// </summary>
internal static class PhiElimination
{
    public static void Run(IrFunction function)
    {
        foreach (var block in function.Blocks)
            foreach (var phi in block.Phis.ToList())
            {
                var temporary = function.New(IrOpcode.Copy, phi.Wide);
                temporary.Block = block;
                for (int i = 0; i < block.Predecessors.Count; i++)
                {
                    var move = function.New(IrOpcode.Copy, phi.Wide, phi.Operands[i]);
                    move.Destination = temporary;
                    move.Location = block.Predecessors[i].Terminator?.Location;
                    if (phi.Operands[i] is IrConstant constant)
                    {
                        move.Opcode = IrOpcode.Materialize;
                        move.Wide = constant.Wide || phi.Wide;
                    }
                    block.Predecessors[i].InsertBeforeTerminator(move);
                }
                phi.Opcode = IrOpcode.Copy;
                phi.Operands.Clear();
                phi.Operands.Add(temporary);
            }
    }
}

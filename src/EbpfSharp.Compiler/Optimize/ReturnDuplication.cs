using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// A block that only merges values and returns one is copied into each predecessor that jumps to it: every
/// path returns its own value directly (<c>w0 = 2; exit</c>) instead of moving it through a merge.
/// </summary>
internal static class ReturnDuplication
{
    public static bool Run(IrFunction function)
    {
        bool changed = false;
        foreach (var block in function.Blocks.ToList())
        {
            if (block == function.Entry || block.Terminator is not { Opcode: IrOpcode.Return } ret
                || block.Instructions.Count != block.Phis.Count() + 1)
                continue;
            for (int i = block.Predecessors.Count - 1; i >= 0; i--)
            {
                var predecessor = block.Predecessors[i];
                if (predecessor.Terminator is not { Opcode: IrOpcode.Jump } jump)
                    continue;
                var copy = function.New(IrOpcode.Return, false);
                copy.Location = ret.Location;
                foreach (var operand in ret.Operands)
                    copy.Operands.Add(operand is IrInstruction { Opcode: IrOpcode.Phi } phi && phi.Block == block ? phi.Operands[i] : operand);
                copy.Block = predecessor;
                predecessor.Instructions[^1] = copy;
                IrEdits.RemoveEdge(predecessor, block);
                changed = true;
            }
        }
        return changed;
    }
}

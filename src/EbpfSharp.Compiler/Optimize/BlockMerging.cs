using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Joins a block to its only predecessor when that predecessor jumps straight to it, and lets jumps skip
/// blocks that only jump on; inlining and IL branches leave many of both.
/// </summary>
internal static class BlockMerging
{
    public static bool Run(IrFunction function)
    {
        bool changed = false;
        foreach (var block in function.Blocks.ToList())
        {
            if (block == function.Entry || !function.Blocks.Contains(block) || block.Predecessors.Count != 1)
                continue;
            var predecessor = block.Predecessors[0];
            if (predecessor == block || predecessor.Terminator is not { Opcode: IrOpcode.Jump })
                continue;
            // A single-predecessor block has no phis left after phi simplification, but be safe.
            if (block.Phis.Any())
                continue;
            predecessor.Instructions.RemoveAt(predecessor.Instructions.Count - 1);
            foreach (var instruction in block.Instructions)
                predecessor.Append(instruction);
            foreach (var successor in block.Successors)
                for (int i = 0; i < successor.Predecessors.Count; i++)
                    if (successor.Predecessors[i] == block)
                        successor.Predecessors[i] = predecessor;
            function.Blocks.Remove(block);
            changed = true;
        }
        changed |= SkipEmptyBlocks(function);
        return changed;
    }

    private static bool SkipEmptyBlocks(IrFunction function)
    {
        bool changed = false;
        foreach (var empty in function.Blocks.ToList())
        {
            if (empty == function.Entry || empty.Instructions.Count != 1 || empty.Terminator is not { Opcode: IrOpcode.Jump } jump)
                continue;
            var target = jump.Targets[0];
            if (target == empty || target.Phis.Any())
                continue;
            foreach (var predecessor in empty.Predecessors.ToList())
            {
                var terminator = predecessor.Terminator!;
                for (int i = 0; i < terminator.Targets.Count; i++)
                    if (terminator.Targets[i] == empty)
                    {
                        terminator.Targets[i] = target;
                        target.Predecessors.Add(predecessor);
                        empty.Predecessors.Remove(predecessor);
                        changed = true;
                    }
            }
        }
        return changed;
    }
}

using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>Removes instructions whose values nobody uses and that do nothing else, and unreachable blocks.</summary>
internal static class DeadCodeElimination
{
    public static bool Run(IrFunction function)
    {
        bool changed = RemoveUnreachableBlocks(function);
        while (true)
        {
            var uses = IrEdits.CountUses(function);
            int removed = 0;
            foreach (var block in function.Blocks)
                removed += block.Instructions.RemoveAll(instruction =>
                    instruction.HasResult && !instruction.HasSideEffects && !uses.ContainsKey(instruction));
            foreach (var call in function.AllInstructions.Where(instruction => (instruction.IsCall || instruction.Opcode == IrOpcode.Atomic) && instruction.ProducesValue && !uses.ContainsKey(instruction)))
                call.ProducesValue = false;
            if (removed == 0)
                return changed;
            changed = true;
        }
    }

    private static bool RemoveUnreachableBlocks(IrFunction function)
    {
        var reachable = new HashSet<IrBlock>();
        var pending = new Stack<IrBlock>([function.Entry]);
        while (pending.Count > 0)
        {
            var block = pending.Pop();
            if (reachable.Add(block))
                foreach (var successor in block.Successors)
                    pending.Push(successor);
        }
        var dead = function.Blocks.Where(block => !reachable.Contains(block)).ToList();
        foreach (var block in dead)
        {
            foreach (var successor in block.Successors.ToList())
                IrEdits.RemoveEdge(block, successor);
            function.Blocks.Remove(block);
        }
        return dead.Count > 0;
    }
}

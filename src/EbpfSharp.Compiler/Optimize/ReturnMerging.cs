using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Tail merging of returns: blocks that only return the same value (<c>return XdpAction.Drop;</c> after each
/// failed check) become one block that every branch targets, so <c>w0 = 1; exit</c> is emitted once. Only
/// branches are redirected; a jump to a return block is copied into its predecessor by
/// <see cref="ReturnDuplication"/> instead, which needs no instruction more.
/// </summary>
internal static class ReturnMerging
{
    public static bool Run(IrFunction function)
    {
        bool changed = false;
        var kept = new List<IrBlock>();
        foreach (var block in function.Blocks.ToList())
        {
            if (block == function.Entry || block.Instructions.Count != 1 || block.Terminator is not { Opcode: IrOpcode.Return } ret)
                continue;
            if (kept.FirstOrDefault(candidate => SameOperands(candidate.Terminator!, ret)) is not { } into)
            {
                kept.Add(block);
                continue;
            }
            if (block.Predecessors.Any(predecessor => predecessor.Terminator is not { Opcode: IrOpcode.CompareBranch or IrOpcode.Branch or IrOpcode.Switch }))
                continue;
            foreach (var predecessor in block.Predecessors)
            {
                var targets = predecessor.Terminator!.Targets;
                for (int i = 0; i < targets.Count; i++)
                    if (targets[i] == block)
                        targets[i] = into;
                into.Predecessors.Add(predecessor);
            }
            block.Predecessors.Clear();
            function.Blocks.Remove(block);
            changed = true;
        }
        foreach (var shared in kept.Where(block => block.Predecessors.Count > 1))
            foreach (var predecessor in shared.Predecessors)
                changed |= BranchToReturn(predecessor, shared);
        return changed;
    }

    /// <summary>
    /// Makes the shared return the taken side of a compare-and-branch, so that block layout lets the rest of the
    /// function fall through and places the return after it, as clang does: every check jumps forward to one exit.
    /// (With the return as the fall-through, it lands right after the first check and later checks jump back to it,
    /// which costs the verifier states it would otherwise prune.)
    /// </summary>
    private static bool BranchToReturn(IrBlock predecessor, IrBlock shared)
    {
        if (predecessor.Terminator is not { Opcode: IrOpcode.CompareBranch } branch || branch.Targets[1] != shared || branch.Targets[0] == shared)
            return false;
        branch.Condition = branch.Condition.Negate();
        (branch.Targets[0], branch.Targets[1]) = (branch.Targets[1], branch.Targets[0]);
        return true;
    }

    private static bool SameOperands(IrInstruction a, IrInstruction b) =>
        a.Operands.Count == b.Operands.Count && a.Operands.Zip(b.Operands).All(pair => pair.First == pair.Second
            || pair.First is IrConstant first && pair.Second is IrConstant second && first.Value == second.Value && first.Wide == second.Wide);
}

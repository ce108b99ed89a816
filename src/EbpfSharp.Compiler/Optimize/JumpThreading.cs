using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// A block that only decides where to go, by comparing a phi with a constant, is skipped by the predecessors
/// that bring a constant: they already know the decision. <c>if (!ctx.TryGet(0, out EthernetHeader* eth) ||
/// eth-&gt;EtherType != EtherType.IPv4)</c> then tests the bounds and the EtherType once each, without a
/// materialised bool. The block's phis may be used only by its branch and by its successors' phis, which
/// receive the threaded predecessor's value directly.
/// </summary>
internal static class JumpThreading
{
    public static bool Run(IrFunction function)
    {
        bool changed = false;
        foreach (var block in function.Blocks)
        {
            if (block.Terminator is not { Opcode: IrOpcode.CompareBranch } branch
                || branch.Operands[0] is not IrInstruction { Opcode: IrOpcode.Phi } decided || decided.Block != block
                || branch.Operands[1] is not IrConstant against
                || branch.Targets[0] == branch.Targets[1] || branch.Targets.Contains(block)
                || block.Instructions.Count != block.Phis.Count() + 1
                || !PhisStayLocal(function, block))
                continue;
            for (int i = block.Predecessors.Count - 1; i >= 0; i--)
            {
                var predecessor = block.Predecessors[i];
                if (predecessor.Terminator is not { Opcode: IrOpcode.Jump } || decided.Operands[i] is not IrConstant value)
                    continue;
                bool taken = branch.Condition.Evaluate(value.Value, against.Value, branch.Size == 8);
                Thread(block, i, branch.Targets[taken ? 0 : 1]);
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>Sends predecessor <paramref name="index"/> of <paramref name="block"/> straight to <paramref name="target"/>.</summary>
    private static void Thread(IrBlock block, int index, IrBlock target)
    {
        var predecessor = block.Predecessors[index];
        int edge = target.Predecessors.IndexOf(block);
        var incoming = target.Phis
            .Select(phi => phi.Operands[edge] is IrInstruction { Opcode: IrOpcode.Phi } local && local.Block == block ? local.Operands[index] : phi.Operands[edge])
            .ToList();
        block.Predecessors.RemoveAt(index);
        foreach (var phi in block.Phis)
            phi.Operands.RemoveAt(index);
        predecessor.Terminator!.Targets[0] = target;
        target.Predecessors.Add(predecessor);
        foreach (var (phi, value) in target.Phis.Zip(incoming))
            phi.Operands.Add(value);
    }

    private static bool PhisStayLocal(IrFunction function, IrBlock block)
    {
        var phis = block.Phis.ToHashSet();
        foreach (var instruction in function.AllInstructions)
        {
            if (instruction.Block == block)
                continue;
            for (int i = 0; i < instruction.Operands.Count; i++)
            {
                if (instruction.Operands[i] is not IrInstruction used || !phis.Contains(used))
                    continue;
                bool successorPhi = instruction.Opcode == IrOpcode.Phi && block.Successors.Contains(instruction.Block!)
                    && instruction.Block!.Predecessors[i] == block;
                if (!successorPhi)
                    return false;
            }
        }
        return true;
    }
}

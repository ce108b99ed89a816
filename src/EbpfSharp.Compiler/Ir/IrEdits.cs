namespace EbpfSharp.Compiler.Ir;

/// <summary>Edits that keep the IR consistent: replacing values everywhere, removing edges with their phi operands.</summary>
internal static class IrEdits
{
    /// <summary>Replaces every use of each key by its value (following chains).</summary>
    public static void ReplaceUses(IrFunction function, Dictionary<IrValue, IrValue> replacements)
    {
        if (replacements.Count == 0)
            return;
        foreach (var instruction in function.AllInstructions)
            for (int i = 0; i < instruction.Operands.Count; i++)
            {
                var operand = instruction.Operands[i];
                while (replacements.TryGetValue(operand, out var replacement) && replacement != operand)
                    operand = replacement;
                instruction.Operands[i] = operand;
            }
    }

    public static void RemoveEdge(IrBlock from, IrBlock to)
    {
        int index = to.Predecessors.IndexOf(from);
        if (index < 0)
            return;
        to.Predecessors.RemoveAt(index);
        foreach (var phi in to.Phis)
            phi.Operands.RemoveAt(index);
    }

    /// <summary>Turns a block's terminator into a jump to <paramref name="target"/>, dropping its other edges.</summary>
    public static void ReplaceWithJump(IrFunction function, IrBlock block, IrBlock target)
    {
        var terminator = block.Terminator!;
        var kept = false;
        foreach (var successor in terminator.Targets.ToList())
        {
            if (successor == target && !kept)
            {
                kept = true;
                continue;
            }
            RemoveEdge(block, successor);
        }
        var jump = function.New(IrOpcode.Jump, false);
        jump.Location = terminator.Location;
        jump.Targets.Add(target);
        jump.Block = block;
        block.Instructions[^1] = jump;
    }

    public static Dictionary<IrInstruction, int> CountUses(IrFunction function)
    {
        var uses = new Dictionary<IrInstruction, int>();
        foreach (var instruction in function.AllInstructions)
            foreach (var operand in instruction.Operands)
                if (operand is IrInstruction used)
                    uses[used] = uses.GetValueOrDefault(used) + 1;
        return uses;
    }
}

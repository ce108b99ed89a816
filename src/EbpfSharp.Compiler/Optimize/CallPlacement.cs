using EbpfSharp.Compiler.Analysis;
using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Where calls are, to keep a reused value from living across one: a value reused in a later block stays in a
/// register over the blocks laid out in between, and blocks that its block reaches but the reusing block does not
/// (the other side of a branch) usually are. A call there would cost a callee-saved register or a spill, more than
/// computing or loading the value again.
/// </summary>
internal sealed class CallPlacement(IrFunction function)
{
    private readonly HashSet<IrBlock> _calling = [.. function.Blocks.Where(block => block.Instructions.Any(instruction => instruction.IsCall))];
    private readonly Dictionary<IrBlock, HashSet<IrBlock>> _reach = [];

    /// <summary>Whether a value defined in <paramref name="definition"/> may be reused in <paramref name="use"/> without spanning a call elsewhere.</summary>
    public bool MayKeepAcross(IrBlock definition, IrBlock use)
    {
        if (definition == use || _calling.Count == 0)
            return true;
        var fromUse = Reach(use);
        return !Reach(definition).Any(between => between != definition && between != use && _calling.Contains(between) && !fromUse.Contains(between));
    }

    private HashSet<IrBlock> Reach(IrBlock start)
    {
        if (!_reach.TryGetValue(start, out var seen))
            _reach[start] = seen = BlockOrder.Reach(start.Successors, block => block.Successors);
        return seen;
    }
}

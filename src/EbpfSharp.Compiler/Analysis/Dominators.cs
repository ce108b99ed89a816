using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Analysis;

/// <summary>
/// Immediate dominators by the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast Dominance
/// Algorithm", 2001) over reverse postorder.
/// </summary>
internal sealed class Dominators
{
    private readonly Dictionary<IrBlock, IrBlock> _immediate = [];
    private readonly Dictionary<IrBlock, int> _order = [];

    private Dominators()
    {
    }

    public static Dominators Compute(IrFunction function)
    {
        var dominators = new Dominators();
        var reversePostorder = BlockOrder.ReversePostorder(function);
        for (int i = 0; i < reversePostorder.Count; i++)
            dominators._order[reversePostorder[i]] = reversePostorder.Count - 1 - i;   // postorder numbers
        dominators._immediate[function.Entry] = function.Entry;
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var block in reversePostorder.Skip(1))
            {
                IrBlock? candidate = null;
                foreach (var predecessor in block.Predecessors.Where(dominators._immediate.ContainsKey))
                    candidate = candidate is null ? predecessor : dominators.Intersect(predecessor, candidate);
                if (candidate is not null && (!dominators._immediate.TryGetValue(block, out var known) || known != candidate))
                {
                    dominators._immediate[block] = candidate;
                    changed = true;
                }
            }
        }
        return dominators;
    }

    /// <summary>Whether every path from the entry to <paramref name="block"/> passes through <paramref name="dominator"/>.</summary>
    public bool Dominates(IrBlock dominator, IrBlock block)
    {
        if (!_immediate.ContainsKey(block))
            return false;
        for (var current = block; ; current = _immediate[current])
        {
            if (current == dominator)
                return true;
            if (_immediate[current] == current)
                return false;
        }
    }

    private IrBlock Intersect(IrBlock a, IrBlock b)
    {
        while (a != b)
        {
            while (_order[a] < _order[b])
                a = _immediate[a];
            while (_order[b] < _order[a])
                b = _immediate[b];
        }
        return a;
    }
}

using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Analysis;

/// <summary>Orders of a function's blocks that the analyses walk in.</summary>
internal static class BlockOrder
{
    /// <summary>
    /// The blocks reachable from the entry in reverse postorder: every block comes before its successors except
    /// along loop back edges, so a forward analysis sees a block's predecessors first. Iterative, so deep chains
    /// of blocks (unrolled loops) do not recurse.
    /// </summary>
    public static List<IrBlock> ReversePostorder(IrFunction function)
    {
        var postorder = new List<IrBlock>();
        var visited = new HashSet<IrBlock> { function.Entry };
        var stack = new Stack<(IrBlock Block, IEnumerator<IrBlock> Successors)>();
        stack.Push((function.Entry, function.Entry.Successors.ToList().GetEnumerator()));
        while (stack.Count > 0)
        {
            var (block, successors) = stack.Peek();
            if (successors.MoveNext())
            {
                if (visited.Add(successors.Current))
                    stack.Push((successors.Current, successors.Current.Successors.ToList().GetEnumerator()));
                continue;
            }
            stack.Pop();
            postorder.Add(block);
        }
        postorder.Reverse();
        return postorder;
    }

    /// <summary>
    /// The blocks reachable from <paramref name="start"/> (included) by following <paramref name="next"/>: successors
    /// for the blocks a path can go on to, predecessors for the blocks it can have come from.
    /// </summary>
    public static HashSet<IrBlock> Reach(IEnumerable<IrBlock> start, Func<IrBlock, IEnumerable<IrBlock>> next)
    {
        var seen = new HashSet<IrBlock>();
        var pending = new Stack<IrBlock>(start);
        while (pending.Count > 0)
        {
            var block = pending.Pop();
            if (seen.Add(block))
                foreach (var following in next(block))
                    pending.Push(following);
        }
        return seen;
    }
}

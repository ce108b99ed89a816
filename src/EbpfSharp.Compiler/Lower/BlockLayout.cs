using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Lower;

/// <summary>
/// Orders blocks so that each is followed, where possible, by the successor it would otherwise jump to: the
/// target of a jump, or the not-taken side of a conditional branch. Every such pairing saves a <c>goto</c>.
/// </summary>
internal static class BlockLayout
{
    public static void Run(IrFunction function)
    {
        var placed = new HashSet<IrBlock>();
        var order = new List<IrBlock>();
        var pending = new Stack<IrBlock>();
        pending.Push(function.Entry);
        while (pending.Count > 0)
        {
            var block = pending.Pop();
            // Follow the chain of preferred fall-through successors as far as it goes.
            while (block is not null && placed.Add(block))
            {
                order.Add(block);
                var terminator = block.Terminator;
                IrBlock? next = terminator?.Opcode switch
                {
                    IrOpcode.Jump => terminator.Targets[0],
                    IrOpcode.CompareBranch => terminator.Targets[1],
                    IrOpcode.Switch => terminator.Targets[^1],
                    _ => null,
                };
                if (terminator is not null)
                    for (int i = terminator.Targets.Count - 1; i >= 0; i--)
                        if (terminator.Targets[i] != next && !placed.Contains(terminator.Targets[i]))
                            pending.Push(terminator.Targets[i]);
                block = next is not null && !placed.Contains(next) ? next : null;
            }
        }
        // Unreachable blocks were removed by the optimiser; keep any left over at the end.
        order.AddRange(function.Blocks.Where(block => !placed.Contains(block)));
        function.Blocks.Clear();
        function.Blocks.AddRange(order);
    }
}

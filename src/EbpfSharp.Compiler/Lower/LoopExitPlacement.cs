using EbpfSharp.Compiler.Analysis;
using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Lower;

/// <summary>
/// Moves a loop's exit code away from the loop's bottom test when that test would otherwise fall through into it,
/// so that the exit is reached by a jump. The verifier checks for an equivalent state only at jump targets (kernel:
/// kernel/bpf/verifier.c, visit_insn marks a conditional jump's target as a prune point but not its fall-through),
/// and it explores the exit path once per iteration in which the test can go either way; behind a jump target each
/// such walk is pruned at once instead of running on to the next branch. Costs one <c>goto</c>, run once.
/// </summary>
/// <remarks>
/// Only for a bottom test that compares two registers (<c>i &lt; n</c>, <c>p &lt; end</c>): against a constant, the
/// verifier knows the counter and takes the exit once. The exit's fall-through chain moves as a whole to the end of
/// the function, so no other block loses its fall-through; an exit already at the end stays.
/// </remarks>
internal static class LoopExitPlacement
{
    public static void Run(IrFunction function)
    {
        var dominators = Dominators.Compute(function);
        var blocks = function.Blocks;
        for (int i = 0; i + 1 < blocks.Count; i++)
        {
            var latch = blocks[i];
            var exit = blocks[i + 1];
            if (latch.Terminator is not { Opcode: IrOpcode.CompareBranch } test || test.Targets[1] != exit
                || !dominators.Dominates(test.Targets[0], latch)
                || test.Operands.Any(operand => operand is IrConstant)
                || exit.Predecessors.Any(predecessor => predecessor != latch))
                continue;
            int end = i + 1;
            while (end + 1 < blocks.Count && blocks[end].Successors.Contains(blocks[end + 1]))
                end++;
            if (end + 1 == blocks.Count)
                continue;
            var chain = blocks.GetRange(i + 1, end - i);
            blocks.RemoveRange(i + 1, chain.Count);
            blocks.AddRange(chain);
        }
    }
}

using EbpfSharp.Compiler.Analysis;
using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Reads of the same context field (<c>ctx.Data</c>, <c>ctx.DataEnd</c>) reuse the first read that dominates
/// them, as clang does with <c>ctx-&gt;data</c>. Besides saving loads, this keeps every packet pointer on
/// one lineage: the verifier extends a bounds check only to pointers derived from the checked load, so a
/// fresh <c>ctx.Data</c> after a check would have no proven range. Helpers that take the context (such as
/// bpf_xdp_adjust_head) move the packet, so reuse never crosses a call that is passed the context.
/// </summary>
internal static class ContextLoadReuse
{
    public static bool Run(IrFunction function)
    {
        var context = function.Entry.Instructions.FirstOrDefault(instruction => instruction is { Opcode: IrOpcode.Parameter, Immediate: 0 });
        if (context is null)
            return false;
        bool contextCalls = function.AllInstructions.Any(instruction => instruction.IsCall && instruction.Operands.Contains(context));
        var dominators = Dominators.Compute(function);
        var loads = function.AllInstructions.Where(instruction => instruction.Opcode == IrOpcode.Load && instruction.Operands[0] == context).ToList();
        var replacements = new Dictionary<IrValue, IrValue>();
        foreach (var load in loads)
        {
            var earlier = loads.FirstOrDefault(candidate => candidate != load && !replacements.ContainsKey(candidate)
                && candidate.Immediate == load.Immediate && candidate.Size == load.Size && candidate.Wide == load.Wide
                && Precedes(candidate, load, dominators, contextCalls, context));
            if (earlier is null)
                continue;
            replacements[load] = earlier;
        }
        foreach (var load in replacements.Keys.Cast<IrInstruction>())
            load.Block.Instructions.Remove(load);
        IrEdits.ReplaceUses(function, replacements);
        return replacements.Count > 0;
    }

    private static bool Precedes(IrInstruction earlier, IrInstruction later, Dominators dominators, bool contextCalls, IrInstruction context)
    {
        if (earlier.Block == later.Block)
        {
            var instructions = earlier.Block.Instructions;
            int from = instructions.IndexOf(earlier), to = instructions.IndexOf(later);
            return from < to && !instructions.Skip(from).Take(to - from).Any(instruction => instruction.IsCall && instruction.Operands.Contains(context));
        }
        if (!dominators.Dominates(earlier.Block, later.Block))
            return false;
        if (!contextCalls)
            return true;
        // Every block on some path from the earlier load to the later one must be free of context calls.
        bool CallsContext(IEnumerable<IrInstruction> instructions) => instructions.Any(instruction => instruction.IsCall && instruction.Operands.Contains(context));
        var forward = BlockOrder.Reach(earlier.Block.Successors, block => block.Successors);
        var backward = BlockOrder.Reach(later.Block.Predecessors, block => block.Predecessors);
        var between = forward.Intersect(backward).ToList();
        if (between.Contains(earlier.Block) || between.Contains(later.Block))
            return !CallsContext(between.SelectMany(block => block.Instructions));
        return !CallsContext(between.SelectMany(block => block.Instructions))
            && !CallsContext(earlier.Block.Instructions.SkipWhile(instruction => instruction != earlier))
            && !CallsContext(later.Block.Instructions.TakeWhile(instruction => instruction != later));
    }
}

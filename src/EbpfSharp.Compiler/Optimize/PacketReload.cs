using EbpfSharp.Compiler.Analysis;
using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// A packet byte read before a helper call and used again after it is read again after the call, as clang does
/// with <c>ip-&gt;protocol</c>, instead of being kept in a callee-saved register across the call. Besides freeing
/// that register, the verifier then sees an unknown scalar after the call: a value kept across it has been narrowed
/// by earlier branches (exactly 6 or exactly 17), a later branch on it marks it precise, and the two states never
/// prune. Only when the pointer read through is used after the call anyway (no register is added), the uses after
/// the call are all dominated by it (no phi is needed), no call on the way may write or move the packet (each is
/// passed only integers, stack or map addresses: not the context, as bpf_xdp_adjust_head is) and no store on the
/// way may overlap the bytes. <see cref="LoadForwarding"/> forgets everything at calls, so it never folds the
/// second read back into the first.
/// </summary>
internal static class PacketReload
{
    public static bool Run(IrFunction function)
    {
        var calls = function.AllInstructions.Where(instruction => instruction.IsCall).ToList();
        if (calls.Count == 0)
            return false;
        var dominators = Dominators.Compute(function);
        var users = new Dictionary<IrValue, List<IrInstruction>>();
        foreach (var instruction in function.AllInstructions)
            foreach (var operand in instruction.Operands.Distinct())
            {
                if (!users.TryGetValue(operand, out var list))
                    users[operand] = list = [];
                list.Add(instruction);
            }
        bool changed = false;
        foreach (var load in function.AllInstructions.Where(IsPacketLoad).ToList())
            foreach (var call in calls)
                if (users.TryGetValue(load, out var uses) && TryReload(function, dominators, load, call, uses, users))
                {
                    changed = true;
                    break;
                }
        return changed;
    }

    private static bool IsPacketLoad(IrInstruction instruction) =>
        instruction.Opcode == IrOpcode.Load && MemoryPlace.PointsIntoPacket(instruction.Operands[0]);

    private static bool TryReload(IrFunction function, Dominators dominators, IrInstruction load, IrInstruction call,
        List<IrInstruction> uses, Dictionary<IrValue, List<IrInstruction>> users)
    {
        if (!Before(load, call, dominators))
            return false;
        var fromCall = BlockOrder.Reach(call.Block.Successors, block => block.Successors);
        bool After(IrInstruction use) => fromCall.Contains(use.Block) || use.Block == call.Block && Index(use) > Index(call);
        var later = uses.Where(After).ToList();
        if (later.Count == 0 || later.Any(use => use.Opcode == IrOpcode.Phi || !Before(call, use, dominators)))
            return false;
        // The pointer must stay live past the call anyway, or reading through it again would hold it instead.
        if (!users.TryGetValue(load.Operands[0], out var pointerUses) || !pointerUses.Any(use => use != load && After(use)))
            return false;
        var (block, position) = Placement(function, dominators, call, later);
        var reload = function.New(IrOpcode.Load, load.Wide, load.Operands[0]);
        load.CopyAttributesTo(reload);
        reload.Block = block;
        if (!Unchanged(load, block, position, MemoryPlace.Of(load)))
            return false;
        block.Instructions.Insert(position, reload);
        foreach (var use in later)
            for (int i = 0; i < use.Operands.Count; i++)
                if (use.Operands[i] == load)
                    use.Operands[i] = reload;
        uses.RemoveAll(later.Contains);
        users[reload] = later;
        return true;
    }

    /// <summary>The deepest block dominating every use, and the index there before the first use (after the call when it is the call's block).</summary>
    private static (IrBlock Block, int Position) Placement(IrFunction function, Dominators dominators, IrInstruction call, List<IrInstruction> uses)
    {
        var candidates = function.Blocks.Where(block => uses.All(use => dominators.Dominates(block, use.Block))).ToList();
        var block = candidates.First(candidate => candidates.All(other => dominators.Dominates(other, candidate)));
        int position = block.Instructions.FindIndex(instruction => uses.Contains(instruction) && (block != call.Block || Index(instruction) > Index(call)));
        if (position < 0)
            position = block.Terminator is null ? block.Instructions.Count : block.Instructions.Count - 1;
        return (block, position);
    }

    /// <summary>Whether nothing on any path from <paramref name="load"/> to the given position may change the loaded bytes.</summary>
    private static bool Unchanged(IrInstruction load, IrBlock block, int position, MemoryPlace place)
    {
        var forward = BlockOrder.Reach(load.Block.Successors, next => next.Successors);
        var backward = BlockOrder.Reach(block.Predecessors, next => next.Predecessors);
        var between = forward.Intersect(backward).ToHashSet();
        IEnumerable<IrInstruction> instructions;
        if (between.Contains(load.Block) || between.Contains(block))
            instructions = between.Append(load.Block).Append(block).Distinct().SelectMany(each => each.Instructions);
        else if (load.Block == block)
            instructions = block.Instructions.Take(position).Skip(Index(load) + 1);
        else
            instructions = between.SelectMany(each => each.Instructions)
                .Concat(load.Block.Instructions.Skip(Index(load) + 1))
                .Concat(block.Instructions.Take(position));
        return instructions.All(instruction => instruction.Opcode switch
        {
            IrOpcode.Store => !MemoryPlace.Of(instruction).MayOverlap(place),
            IrOpcode.Atomic => false,
            IrOpcode.CallHelper or IrOpcode.CallFunction => !instruction.Operands.Any(MemoryPlace.MayReachPacket),
            _ => true,
        });
    }

    private static bool Before(IrInstruction first, IrInstruction second, Dominators dominators) =>
        first.Block == second.Block ? Index(first) < Index(second) : dominators.Dominates(first.Block, second.Block);

    private static int Index(IrInstruction instruction) => instruction.Block.Instructions.IndexOf(instruction);
}

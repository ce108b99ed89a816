using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Sinks the identical last instructions of two predecessors of a block (or of two blocks that return the same
/// value) into one new block both jump to, with phis for the operands that differ: the TCP and UDP arms of a
/// port or address rewrite end in the same checksum update on different fields, which is then emitted once.
/// A load or store whose offset differs takes its address from a phi of the two addresses instead (as clang
/// does); each path's pointer keeps the bounds check it had, so the verifier still sees a checked pointer.
/// </summary>
internal static class TailMerging
{
    public static bool Run(IrFunction function)
    {
        bool changed = SkipEmptyBlocksIntoMerges(function);
        bool merged;
        int budget = 64;   // each merge removes instructions; the budget only guards against a cycle
        do
        {
            merged = false;
            foreach (var (first, second, successor) in CandidatePairs(function))
                if (TryMerge(function, first, second, successor))
                {
                    merged = changed = true;
                    break;
                }
        } while (merged && --budget > 0);
        return changed;
    }

    /// <summary>Pairs of blocks that jump to the same block, and pairs that return the same operands.</summary>
    private static IEnumerable<(IrBlock First, IrBlock Second, IrBlock? Successor)> CandidatePairs(IrFunction function)
    {
        foreach (var block in function.Blocks.ToList())
        {
            var jumping = block.Predecessors.Where(predecessor => predecessor.Terminator is { Opcode: IrOpcode.Jump }
                && block.Predecessors.Count(other => other == predecessor) == 1).ToList();
            for (int i = 0; i < jumping.Count; i++)
                for (int j = i + 1; j < jumping.Count; j++)
                    yield return (jumping[i], jumping[j], block);
        }
        var returning = function.Blocks.Where(block => block.Terminator is { Opcode: IrOpcode.Return }).ToList();
        for (int i = 0; i < returning.Count; i++)
            for (int j = i + 1; j < returning.Count; j++)
                if (SameOperands(returning[i].Terminator!, returning[j].Terminator!))
                    yield return (returning[i], returning[j], null);
    }

    /// <summary>
    /// Lets the predecessors that jump to a block that only jumps on jump straight to its target, copying the phi
    /// operands: the arm that skips a conditional update (UDP without a checksum) then ends where the other arms
    /// do. Branches keep the empty block, which stays the place for their phi copies.
    /// </summary>
    private static bool SkipEmptyBlocksIntoMerges(IrFunction function)
    {
        bool changed = false;
        foreach (var empty in function.Blocks.ToList())
        {
            if (empty == function.Entry || empty.Instructions.Count != 1 || empty.Terminator is not { Opcode: IrOpcode.Jump } jump)
                continue;
            var target = jump.Targets[0];
            if (target == empty || !target.Phis.Any())
                continue;
            int index = target.Predecessors.IndexOf(empty);
            foreach (var predecessor in empty.Predecessors.ToList())
            {
                if (predecessor.Terminator is not { Opcode: IrOpcode.Jump } || predecessor == empty || target.Predecessors.Contains(predecessor))
                    continue;
                predecessor.Terminator.Targets[0] = target;
                empty.Predecessors.Remove(predecessor);
                target.Predecessors.Add(predecessor);
                foreach (var phi in target.Phis)
                    phi.Operands.Add(phi.Operands[index]);
                changed = true;
            }
            if (empty.Predecessors.Count == 0)
            {
                IrEdits.RemoveEdge(empty, target);
                function.Blocks.Remove(empty);
            }
        }
        return changed;
    }

    private static bool TryMerge(IrFunction function, IrBlock first, IrBlock second, IrBlock? successor)
    {
        int longest = 0;
        while (longest < Body(first) && longest < Body(second)
               && SameShape(first.Instructions[Body(first) - 1 - longest], second.Instructions[Body(second) - 1 - longest]))
            longest++;
        // Shorter tails leave fewer values defined inside them; try from the longest down.
        for (int length = longest; length >= 1; length--)
            if (Plan(function, first, second, successor, length) is { } plan && plan.Worthwhile(successor is null))
            {
                Apply(function, first, second, successor, length, plan);
                return true;
            }
        return false;
    }

    /// <summary>Instructions before the terminator (phis excluded by <see cref="SameShape"/>).</summary>
    private static int Body(IrBlock block) => block.Instructions.Count - 1;

    private static bool SameShape(IrInstruction a, IrInstruction b) =>
        a.Opcode == b.Opcode && a.Opcode is not (IrOpcode.Phi or IrOpcode.CallHelper or IrOpcode.CallFunction or IrOpcode.Atomic
            or IrOpcode.SymbolAddress or IrOpcode.Materialize or IrOpcode.Parameter or IrOpcode.FrameAddress)
        && a.Wide == b.Wide && a.Size == b.Size && a.Condition == b.Condition && a.Frame == b.Frame
        && a.Destination is null && b.Destination is null && a.Operands.Count == b.Operands.Count
        && (a.Immediate == b.Immediate || a.Opcode is IrOpcode.Load or IrOpcode.Store);

    /// <summary>The operands the merged tail takes from each path: a phi per differing pair, an address per differing offset.</summary>
    private sealed class MergePlan
    {
        public Dictionary<IrInstruction, IrInstruction> Counterpart { get; } = [];

        /// <summary>Operand pairs (first path, second path) that need a phi.</summary>
        public List<(IrValue First, IrValue Second)> Phis { get; } = [];

        /// <summary>Loads and stores whose base and offset come from a phi of two computed addresses.</summary>
        public List<(IrValue FirstBase, long FirstOffset, IrValue SecondBase, long SecondOffset)> Addresses { get; } = [];

        public int Length { get; init; }

        /// <summary>
        /// Saves instructions: each phi may cost a copy, each address an add on both paths and a phi, one path a
        /// jump; a shared return saves its <c>w0 = n</c>.
        /// </summary>
        public bool Worthwhile(bool returns) => Length + (returns ? 1 : 0) - Phis.Count - 3 * Addresses.Count - 1 >= 0;
    }

    private static MergePlan? Plan(IrFunction function, IrBlock first, IrBlock second, IrBlock? successor, int length)
    {
        var plan = new MergePlan { Length = length };
        var tailFirst = first.Instructions.GetRange(Body(first) - length, length);
        var tailSecond = second.Instructions.GetRange(Body(second) - length, length);
        for (int i = 0; i < length; i++)
            plan.Counterpart[tailFirst[i]] = tailSecond[i];
        var inSecond = tailSecond.ToHashSet();

        bool Pair(IrValue a, IrValue b)
        {
            if (a is IrInstruction definedA && plan.Counterpart.TryGetValue(definedA, out var counterpart))
                return counterpart == b;
            if (b is IrInstruction definedB && inSecond.Contains(definedB))
                return false;
            if (Same(a, b))
                return true;
            if (a.Wide != b.Wide)
                return false;
            if (!plan.Phis.Contains((a, b)))
                plan.Phis.Add((a, b));
            return true;
        }

        for (int i = 0; i < length; i++)
        {
            var a = tailFirst[i];
            var b = tailSecond[i];
            int start = 0;
            if (a.Opcode is IrOpcode.Load or IrOpcode.Store && a.Immediate != b.Immediate)
            {
                if (a.Operands[0] is IrInstruction baseA && plan.Counterpart.ContainsKey(baseA)
                    || b.Operands[0] is IrInstruction baseB && inSecond.Contains(baseB) || !a.Operands[0].Wide || !b.Operands[0].Wide)
                    return null;
                var address = (a.Operands[0], a.Immediate, b.Operands[0], b.Immediate);
                if (!plan.Addresses.Contains(address))
                    plan.Addresses.Add(address);
                start = 1;
            }
            for (int k = start; k < a.Operands.Count; k++)
                if (!Pair(a.Operands[k], b.Operands[k]))
                    return null;
        }
        if (successor is null)
        {
            // Return operands must be the same outside values on both paths.
            if (first.Terminator!.Operands.Concat(second.Terminator!.Operands)
                .Any(operand => operand is IrInstruction defined && (plan.Counterpart.ContainsKey(defined) || inSecond.Contains(defined))))
                return null;
        }
        else
        {
            int indexFirst = successor.Predecessors.IndexOf(first), indexSecond = successor.Predecessors.IndexOf(second);
            foreach (var phi in successor.Phis)
                if (!Pair(phi.Operands[indexFirst], phi.Operands[indexSecond]))
                    return null;
        }
        // Values of the tails may be used only inside them and by the successor's phis (checked above).
        var allowedUsers = tailFirst.Concat(tailSecond).Concat(successor?.Phis ?? []).ToHashSet();
        foreach (var instruction in function.AllInstructions)
            if (!allowedUsers.Contains(instruction) && instruction.Operands.Any(operand =>
                    operand is IrInstruction used && (plan.Counterpart.ContainsKey(used) || inSecond.Contains(used))))
                return null;
        return plan;
    }

    private static void Apply(IrFunction function, IrBlock first, IrBlock second, IrBlock? successor, int length, MergePlan plan)
    {
        var merged = function.NewBlock();
        var tailFirst = first.Instructions.GetRange(Body(first) - length, length);
        var tailSecond = second.Instructions.GetRange(Body(second) - length, length);
        first.Instructions.RemoveRange(Body(first) - length, length);
        second.Instructions.RemoveRange(Body(second) - length, length);

        var phiFor = new Dictionary<(IrValue, IrValue), IrInstruction>();
        foreach (var (a, b) in plan.Phis)
            phiFor[(a, b)] = merged.Append(function.New(IrOpcode.Phi, a.Wide, a, b));
        var addressFor = new Dictionary<(IrValue, long, IrValue, long), IrInstruction>();
        foreach (var address in plan.Addresses)
        {
            var a = Address(function, first, address.FirstBase, address.FirstOffset);
            var b = Address(function, second, address.SecondBase, address.SecondOffset);
            addressFor[address] = merged.Append(function.New(IrOpcode.Phi, true, a, b));
        }

        IrValue Merged(IrValue a, IrValue b) => a is IrInstruction defined && plan.Counterpart.ContainsKey(defined) || Same(a, b) ? a : phiFor[(a, b)];

        for (int i = 0; i < length; i++)
        {
            var a = tailFirst[i];
            var b = tailSecond[i];
            int start = 0;
            if (a.Opcode is IrOpcode.Load or IrOpcode.Store && a.Immediate != b.Immediate)
            {
                a.Operands[0] = addressFor[(a.Operands[0], a.Immediate, b.Operands[0], b.Immediate)];
                a.Immediate = 0;
                start = 1;
            }
            for (int k = start; k < a.Operands.Count; k++)
                a.Operands[k] = Merged(a.Operands[k], b.Operands[k]);
            merged.Append(a);
        }

        merged.Predecessors.AddRange([first, second]);
        if (successor is null)
        {
            merged.Append(first.Terminator!);
            first.Instructions[^1] = Jump(function, first, merged);
            second.Instructions[^1] = Jump(function, second, merged);
            return;
        }
        int indexFirst = successor.Predecessors.IndexOf(first), indexSecond = successor.Predecessors.IndexOf(second);
        foreach (var phi in successor.Phis)
            phi.Operands[indexFirst] = Merged(phi.Operands[indexFirst], phi.Operands[indexSecond]);
        successor.Predecessors[indexFirst] = merged;
        IrEdits.RemoveEdge(second, successor);
        merged.Append(Jump(function, merged, successor));
        first.Instructions[^1] = Jump(function, first, merged);
        second.Instructions[^1] = Jump(function, second, merged);
    }

    private static IrInstruction Address(IrFunction function, IrBlock block, IrValue pointer, long offset)
    {
        var address = function.New(IrOpcode.Add, true, pointer, IrConstant.Of64(offset));
        block.InsertBeforeTerminator(address);
        return address;
    }

    private static IrInstruction Jump(IrFunction function, IrBlock from, IrBlock to)
    {
        var jump = function.New(IrOpcode.Jump, false);
        jump.Targets.Add(to);
        jump.Block = from;
        return jump;
    }

    private static bool Same(IrValue a, IrValue b) =>
        a == b || a is IrConstant first && b is IrConstant second && first.Value == second.Value && first.Wide == second.Wide;

    private static bool SameOperands(IrInstruction a, IrInstruction b) =>
        a.Operands.Count == b.Operands.Count && a.Operands.Zip(b.Operands).All(pair => Same(pair.First, pair.Second));
}

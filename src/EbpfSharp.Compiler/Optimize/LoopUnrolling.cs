using System.Runtime.CompilerServices;
using EbpfSharp.Compiler.Analysis;
using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Fully unrolls small loops whose trip count is a constant (<c>for (int i = 0; i &lt; 6; i++)</c>), by peeling one
/// iteration at a time: each peeled copy enters with its loop-carried values known, so constant folding turns its
/// index arithmetic into fixed offsets (<see cref="AddressFolding"/>) and its exit test into a jump, and the loop
/// left after the last copy is entered with values that leave it at once and is removed as unreachable. The
/// verifier then walks straight-line code instead of every iteration with the index's state.
/// </summary>
/// <remarks>
/// A loop qualifies when it has one back edge and one entry edge from outside, no inner loop, and its exit test
/// (in the header or the latch) compares values computable from the header's phis, their constant initial values
/// and constants; simulating it gives the trip count. Trip count × instructions must stay under a budget. Peeling
/// is exact whatever the count, so side exits (<c>break</c>, <c>return</c>) are kept in every copy. Values the
/// loop defines and code after it uses are first routed through phis in the loop's single exit block.
/// </remarks>
internal static class LoopUnrolling
{
    /// <summary>Most iterations unrolled.</summary>
    public const int MaxTripCount = 32;

    /// <summary>Most instructions the unrolled copies may hold (trip count × the loop's instructions).</summary>
    public const int MaxUnrolledInstructions = 192;

    /// <summary>Most instructions unrolling may add to one function, over all loops and rounds.</summary>
    private const int FunctionBudget = 1024;

    private static readonly ConditionalWeakTable<IrFunction, StrongBox<int>> Spent = [];

    public static bool Run(IrFunction function)
    {
        var spent = Spent.GetOrCreateValue(function);
        var dominators = Dominators.Compute(function);
        foreach (var loop in FindLoops(function, dominators))
        {
            if (Analyse(function, loop) is not { } trips)
                continue;
            // Peels: one per iteration, and when the header tests, one more whose test folds to the exit so that
            // the loop left behind is unreachable.
            int peels = trips.Iterations + (trips.AtHeader ? 1 : 0);
            int size = loop.Blocks.Sum(block => block.Instructions.Count);
            if (trips.Iterations * size > MaxUnrolledInstructions || spent.Value + peels * size > FunctionBudget)
                continue;
            if (!CloseUses(function, loop, dominators))
                continue;
            spent.Value += peels * size;
            for (int i = 0; i < peels; i++)
                Peel(function, loop);
            // One loop per run: the peeled copies changed the blocks and the dominators.
            return true;
        }
        return false;
    }

    internal sealed class Loop(IrBlock header, IrBlock latch, HashSet<IrBlock> blocks)
    {
        public IrBlock Header { get; } = header;

        public IrBlock Latch { get; } = latch;

        public HashSet<IrBlock> Blocks { get; } = blocks;

        /// <summary>The header's one predecessor outside the loop (changes as iterations are peeled).</summary>
        public IrBlock Preheader => Header.Predecessors.Single(predecessor => !Blocks.Contains(predecessor));
    }

    /// <summary>Natural loops with one back edge, one outside predecessor and no inner loop, in block order.</summary>
    internal static List<Loop> FindLoops(IrFunction function, Dominators dominators)
    {
        var backEdges = new List<(IrBlock Latch, IrBlock Header)>();
        foreach (var block in function.Blocks)
            foreach (var successor in block.Successors)
                if (dominators.Dominates(successor, block))
                    backEdges.Add((block, successor));
        var loops = new List<Loop>();
        foreach (var group in backEdges.GroupBy(edge => edge.Header))
        {
            if (group.Count() != 1)
                continue;
            var (latch, header) = group.Single();
            var body = new HashSet<IrBlock> { header };
            var pending = new Stack<IrBlock>([latch]);
            while (pending.Count > 0)
            {
                var block = pending.Pop();
                if (body.Add(block))
                    foreach (var predecessor in block.Predecessors)
                        pending.Push(predecessor);
            }
            if (header.Predecessors.Count(predecessor => !body.Contains(predecessor)) != 1
                || header.Predecessors.Count(predecessor => predecessor == latch) != 1
                || backEdges.Any(edge => edge.Header != header && body.Contains(edge.Header))
                || body.Any(block => block.Terminator is not { } terminator || terminator.Targets.Distinct().Count() != terminator.Targets.Count))
                continue;
            loops.Add(new Loop(header, latch, body));
        }
        return loops;
    }

    /// <summary>The number of iterations before the loop exits, or null when it is not known or too many.</summary>
    internal static (int Iterations, bool AtHeader)? Analyse(IrFunction function, Loop loop)
    {
        var header = loop.Header;
        int entryIndex = header.Predecessors.IndexOf(loop.Preheader);
        int latchIndex = header.Predecessors.IndexOf(loop.Latch);
        var values = new Dictionary<IrInstruction, long>();
        foreach (var phi in header.Phis)
            if (phi.Operands[entryIndex] is IrConstant initial)
                values[phi] = initial.Value;
        if (values.Count == 0)
            return null;
        var headerExit = ExitTest(loop, header);
        var latchExit = loop.Latch == header ? null : ExitTest(loop, loop.Latch);
        for (int iteration = 0; iteration <= MaxTripCount; iteration++)
        {
            // Header test: leaving before the body means `iteration` bodies ran.
            if (headerExit is { } test && Leaves(loop, test, values) is { } leavesAtHeader)
            {
                if (leavesAtHeader)
                    return (iteration, true);
            }
            else if (latchExit is null)
                return null;
            if (latchExit is { } latchTest)
            {
                if (Leaves(loop, latchTest, values) is not { } leavesAtLatch)
                    return null;
                if (leavesAtLatch)
                    return iteration + 1 > MaxTripCount ? null : (iteration + 1, false);
            }
            var next = new Dictionary<IrInstruction, long>();
            foreach (var phi in header.Phis)
                if (Evaluate(loop, phi.Operands[latchIndex], values, 0) is { } value)
                    next[phi] = value;
            values = next;
        }
        return null;
    }

    /// <summary>A compare-and-branch with one target in the loop and one outside.</summary>
    private static IrInstruction? ExitTest(Loop loop, IrBlock block) =>
        block.Terminator is { Opcode: IrOpcode.CompareBranch } branch && loop.Blocks.Contains(branch.Targets[0]) != loop.Blocks.Contains(branch.Targets[1])
            ? branch
            : null;

    private static bool? Leaves(Loop loop, IrInstruction branch, Dictionary<IrInstruction, long> values)
    {
        if (Evaluate(loop, branch.Operands[0], values, 0) is not { } a || Evaluate(loop, branch.Operands[1], values, 0) is not { } b)
            return null;
        bool taken = branch.Condition.Evaluate(a, b, branch.Size == 8);
        return !loop.Blocks.Contains(branch.Targets[taken ? 0 : 1]);
    }

    private static long? Evaluate(Loop loop, IrValue value, Dictionary<IrInstruction, long> values, int depth)
    {
        if (value is IrConstant constant)
            return constant.Value;
        var instruction = (IrInstruction)value;
        if (values.TryGetValue(instruction, out long known))
            return known;
        if (depth > 16 || !loop.Blocks.Contains(instruction.Block) || !ConstantEvaluator.IsPure(instruction) || instruction.Opcode == IrOpcode.Materialize)
            return null;
        var operands = new IrValue[instruction.Operands.Count];
        for (int i = 0; i < operands.Length; i++)
        {
            if (Evaluate(loop, instruction.Operands[i], values, depth + 1) is not { } operand)
                return null;
            operands[i] = IrConstant.Of(operand, instruction.Operands[i].Wide);
        }
        var probe = new IrInstruction(instruction.Opcode, instruction.Wide, operands)
        {
            Size = instruction.Size,
            Condition = instruction.Condition,
            Immediate = instruction.Immediate,
        };
        return ConstantEvaluator.Evaluate(probe)?.Value;
    }

    /// <summary>
    /// Makes every use of a loop value outside the loop a phi operand on an exit edge: each such use must be
    /// dominated by an exit block all of whose predecessors are in the loop, which gets a phi of the value. False
    /// (the loop is left alone) when some use is not. <paramref name="closes"/> limits this to some of the loop's values.
    /// </summary>
    internal static bool CloseUses(IrFunction function, Loop loop, Dominators dominators, Func<IrInstruction, bool>? closes = null)
    {
        var outside = new List<(IrInstruction User, int Index, IrBlock Exit)>();
        var exits = loop.Blocks.SelectMany(block => block.Successors)
            .Where(block => !loop.Blocks.Contains(block) && block.Predecessors.All(loop.Blocks.Contains))
            .Distinct().ToList();
        foreach (var instruction in function.AllInstructions)
            for (int i = 0; i < instruction.Operands.Count; i++)
            {
                if (instruction.Operands[i] is not IrInstruction used || !loop.Blocks.Contains(used.Block) || loop.Blocks.Contains(instruction.Block)
                    || closes?.Invoke(used) == false)
                    continue;
                var at = instruction.Opcode == IrOpcode.Phi ? instruction.Block.Predecessors[i] : instruction.Block;
                if (loop.Blocks.Contains(at))
                    continue;   // a phi operand on an exit edge: peeling gives it the copy's value
                if (exits.FirstOrDefault(exit => dominators.Dominates(exit, at)) is not { } dominating)
                    return false;
                outside.Add((instruction, i, dominating));
            }
        var closing = new Dictionary<(IrInstruction, IrBlock), IrInstruction>();
        foreach (var (user, index, exit) in outside)
        {
            var used = (IrInstruction)user.Operands[index];
            if (!closing.TryGetValue((used, exit), out var phi))
            {
                phi = function.New(IrOpcode.Phi, used.Wide);
                phi.Block = exit;
                foreach (var _ in exit.Predecessors)
                    phi.Operands.Add(used);
                exit.Instructions.Insert(0, phi);
                closing[(used, exit)] = phi;
            }
            user.Operands[index] = phi;
        }
        return true;
    }

    /// <summary>Copies one iteration in front of the loop: the preheader enters the copy, whose back edge enters the loop.</summary>
    private static void Peel(IrFunction function, Loop loop)
    {
        var header = loop.Header;
        var preheader = loop.Preheader;
        int entryIndex = header.Predecessors.IndexOf(preheader);
        int latchIndex = header.Predecessors.IndexOf(loop.Latch);
        var values = new Dictionary<IrValue, IrValue>();
        var blocks = new Dictionary<IrBlock, IrBlock>();
        var order = function.Blocks.Where(loop.Blocks.Contains).ToList();
        foreach (var block in order)
            blocks[block] = function.NewBlock();
        foreach (var phi in header.Phis)
            values[phi] = phi.Operands[entryIndex];
        IrValue Map(IrValue value) => values.TryGetValue(value, out var mapped) ? mapped : value;

        // Create the copies first (operands may refer to values defined later in block order, through phis).
        var copies = new List<(IrInstruction Original, IrInstruction Copy)>();
        foreach (var block in order)
            foreach (var instruction in block.Instructions)
            {
                if (block == header && instruction.Opcode == IrOpcode.Phi)
                    continue;
                var copy = function.New(instruction.Opcode, instruction.Wide);
                instruction.CopyAttributesTo(copy);
                blocks[block].Append(copy);
                values[instruction] = copy;
                copies.Add((instruction, copy));
            }
        foreach (var (original, copy) in copies)
        {
            foreach (var operand in original.Operands)
                copy.Operands.Add(Map(operand));
            foreach (var target in original.Targets)
                copy.Targets.Add(target == header ? header : blocks.GetValueOrDefault(target, target));
        }

        // Predecessors: copies of loop blocks mirror the originals; the header's copy has only the preheader.
        foreach (var block in order)
            if (block == header)
                blocks[block].Predecessors.Add(preheader);
            else
                blocks[block].Predecessors.AddRange(block.Predecessors.Select(predecessor => blocks[predecessor]));

        // Edges leaving the loop: the exit block gains the copy as a predecessor, its phis the copied values.
        foreach (var block in order)
            foreach (var target in block.Successors.Where(target => !loop.Blocks.Contains(target)))
            {
                int index = target.Predecessors.IndexOf(block);
                target.Predecessors.Add(blocks[block]);
                foreach (var phi in target.Phis)
                    phi.Operands.Add(Map(phi.Operands[index]));
            }

        // The preheader enters the copy; the copy's back edge enters the loop, bringing the copied values.
        var entry = preheader.Terminator!;
        for (int i = 0; i < entry.Targets.Count; i++)
            if (entry.Targets[i] == header)
                entry.Targets[i] = blocks[header];
        header.Predecessors[entryIndex] = blocks[loop.Latch];
        foreach (var phi in header.Phis)
            phi.Operands[entryIndex] = Map(phi.Operands[latchIndex]);
    }
}

using EbpfSharp.Compiler.Analysis;
using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Rotates loops whose header only decides whether to go round again (<c>for (i = 0; i &lt; n; i++)</c>): the header's
/// test is copied to the end of the latch, so each iteration ends in one conditional jump back to the body, and the
/// header stays in front of the loop as a guard that runs once (and folds away when the first test is known). The
/// verifier walks a bounded loop once per iteration, so each iteration saves the jump back and the header's work.
/// </summary>
/// <remarks>
/// The header may hold only phis, a few pure instructions and a compare-and-branch with one target in the loop
/// (the body's first block, which the header alone enters) and one outside; the latch must end in a jump to the
/// header, so a rotated loop (whose latch now tests) is never rotated again. Every value the header defines gets a
/// phi in the body's first block (its value from the guard, or from the latch's copy), and its uses after the loop
/// are first routed through phis in the exits (<see cref="LoopUnrolling.CloseUses"/>) so that the new exit edge from
/// the latch can bring the copy's value. Runs after the other passes have settled, so that
/// <see cref="LoopUnrolling"/> sees the loops as written first.
/// </remarks>
internal static class LoopRotation
{
    /// <summary>Most instructions (besides phis and the test) copied from a header into its latch.</summary>
    public const int MaxHeaderInstructions = 4;

    public static bool Run(IrFunction function)
    {
        bool changed = false;
        while (true)
        {
            var dominators = Dominators.Compute(function);
            var loop = LoopUnrolling.FindLoops(function, dominators).FirstOrDefault(loop => CanRotate(function, loop, dominators)
                && LoopUnrolling.CloseUses(function, loop, dominators, defined => defined.Block == loop.Header));
            if (loop is null)
                return changed;
            Rotate(function, loop);
            changed = true;
        }
    }

    private static bool CanRotate(IrFunction function, LoopUnrolling.Loop loop, Dominators dominators)
    {
        var header = loop.Header;
        if (loop.Latch == header || loop.Latch.Terminator is not { Opcode: IrOpcode.Jump }
            || header.Terminator is not { Opcode: IrOpcode.CompareBranch } test
            || loop.Blocks.Contains(test.Targets[0]) == loop.Blocks.Contains(test.Targets[1]))
            return false;
        var body = loop.Blocks.Contains(test.Targets[0]) ? test.Targets[0] : test.Targets[1];
        if (body == header || body.Predecessors.Count != 1 || body.Phis.Any())
            return false;
        var work = header.Instructions.Where(instruction => instruction.Opcode != IrOpcode.Phi && instruction != test).ToList();
        if (work.Count > MaxHeaderInstructions || !work.All(ConstantEvaluator.IsPure))
            return false;
        // A header value the exit takes must come from the guard or from the latch: a phi whose copies run on
        // every iteration, unless the guard always enters (then the latch alone reaches the exit) and no break
        // reaches the exit too.
        var exit = body == test.Targets[0] ? test.Targets[1] : test.Targets[0];
        int headerEdge = exit.Predecessors.IndexOf(header);
        bool takesHeaderValue = exit.Phis.Any(phi => phi.Operands[headerEdge] is IrInstruction { } value && value.Block == header)
            || function.AllInstructions.Any(instruction => instruction.Opcode != IrOpcode.Phi && dominators.Dominates(exit, instruction.Block)
                && instruction.Operands.Any(operand => operand is IrInstruction used && used.Block == header));
        return !takesHeaderValue
            || (!exit.Predecessors.Any(predecessor => predecessor != header && loop.Blocks.Contains(predecessor)) && GuardEnters(function, loop, test, body));
    }

    /// <summary>Whether the header's test, on entry to the loop, always goes to the body (by the entry values' ranges).</summary>
    private static bool GuardEnters(IrFunction function, LoopUnrolling.Loop loop, IrInstruction test, IrBlock body)
    {
        int entry = loop.Header.Predecessors.IndexOf(loop.Preheader);
        var operands = test.Operands.Select(operand => operand is IrInstruction { Opcode: IrOpcode.Phi } phi && phi.Block == loop.Header ? phi.Operands[entry] : operand).ToList();
        if (operands.Any(operand => operand is IrInstruction defined && loop.Blocks.Contains(defined.Block) || operand.Wide != (test.Size == 8)))
            return false;
        var ranges = ValueRanges.Compute(function);
        var taken = RangeSimplification.Decide(test.Condition, ranges.At(operands[0], loop.Preheader), ranges.At(operands[1], loop.Preheader));
        return taken is { } goesTo && test.Targets[goesTo ? 0 : 1] == body;
    }

    private static void Rotate(IrFunction function, LoopUnrolling.Loop loop)
    {
        var header = loop.Header;
        var latch = loop.Latch;
        var test = header.Terminator!;
        var body = loop.Blocks.Contains(test.Targets[0]) ? test.Targets[0] : test.Targets[1];
        var exit = loop.Blocks.Contains(test.Targets[0]) ? test.Targets[1] : test.Targets[0];
        int latchIndex = header.Predecessors.IndexOf(latch);

        // The header's values as they are at the end of the latch: phis bring their back-edge operands, the
        // other instructions are copied into the latch in place of its jump.
        var atLatch = new Dictionary<IrValue, IrValue>();
        foreach (var phi in header.Phis)
            atLatch[phi] = phi.Operands[latchIndex];
        var copies = new List<(IrInstruction Original, IrInstruction Copy)>();
        latch.Instructions.RemoveAt(latch.Instructions.Count - 1);
        foreach (var instruction in header.Instructions.Where(instruction => instruction.Opcode != IrOpcode.Phi))
        {
            var copy = function.New(instruction.Opcode, instruction.Wide);
            instruction.CopyAttributesTo(copy);
            copy.Targets.AddRange(instruction.Targets);
            latch.Append(copy);
            atLatch[instruction] = copy;
            copies.Add((instruction, copy));
        }

        // Inside the loop (below the header), a header value is now a phi in the body's first block: the guard's
        // value on the first iteration, the latch copy's on the others.
        var merged = new Dictionary<IrValue, IrValue>();
        var headerValues = header.Instructions.Where(instruction => instruction.HasResult).ToList();
        foreach (var value in headerValues)
        {
            var phi = function.New(IrOpcode.Phi, value.Wide);
            phi.Block = body;
            merged[value] = phi;
        }
        IrValue Inside(IrValue value) => merged.GetValueOrDefault(value, value);
        IrValue Back(IrValue value) => Inside(atLatch.GetValueOrDefault(value, value));

        foreach (var (original, copy) in copies)
            foreach (var operand in original.Operands)
                copy.Operands.Add(Back(operand));
        var copied = copies.Select(pair => pair.Copy).ToHashSet();
        foreach (var block in loop.Blocks.Where(block => block != header))
            foreach (var instruction in block.Instructions.Where(instruction => !copied.Contains(instruction)))
                for (int i = 0; i < instruction.Operands.Count; i++)
                    instruction.Operands[i] = Inside(instruction.Operands[i]);
        // Phis after the loop: edges from the body take the merged values; the latch's new exit edge the copies'.
        foreach (var block in loop.Blocks.Where(block => block != header))
            foreach (var target in block.Successors.Where(target => !loop.Blocks.Contains(target)).Distinct())
                foreach (var phi in target.Phis)
                    for (int i = 0; i < phi.Operands.Count; i++)
                        if (target.Predecessors[i] == block)
                            phi.Operands[i] = Inside(phi.Operands[i]);
        int exitIndex = exit.Predecessors.IndexOf(header);
        exit.Predecessors.Add(latch);
        foreach (var phi in exit.Phis)
            phi.Operands.Add(Back(phi.Operands[exitIndex]));

        body.Predecessors.Add(latch);
        for (int i = headerValues.Count - 1; i >= 0; i--)
        {
            var phi = (IrInstruction)merged[headerValues[i]];
            phi.Operands.Add(headerValues[i]);
            phi.Operands.Add(Back(headerValues[i]));
            body.Instructions.Insert(0, phi);
        }
        IrEdits.RemoveEdge(latch, header);
    }
}

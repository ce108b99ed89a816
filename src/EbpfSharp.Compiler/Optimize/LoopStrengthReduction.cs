using EbpfSharp.Compiler.Analysis;
using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Replaces an address computed from a loop counter each iteration (<c>base + (2 * i + 14)</c>) by a pointer that
/// steps with the counter: a new header phi starting at <c>base + 14</c> and growing by 2 at the latch. The
/// multiply, add and (for an <c>int</c> index) extension leave the loop; the verifier still sees a packet pointer
/// with a known constant offset each iteration, checked against the end as before.
/// </summary>
/// <remarks>
/// The counter is a header phi with a constant start that steps by a constant; the offset is built from it by
/// adds, multiplies and left shifts by constants, then added to a value defined before the loop. A 32-bit offset
/// must stay in [0, int.MaxValue] in every step over the counter's range (<see cref="ValueRanges"/>), so that the
/// stepped pointer equals the recomputed one whether the offset was sign- or zero-extended.
/// </remarks>
internal static class LoopStrengthReduction
{
    public static bool Run(IrFunction function)
    {
        var dominators = Dominators.Compute(function);
        var loops = LoopUnrolling.FindLoops(function, dominators);
        if (loops.Count == 0)
            return false;
        var ranges = ValueRanges.Compute(function);
        bool changed = false;
        foreach (var loop in loops)
            changed |= Reduce(function, loop, ranges);
        return changed;
    }

    private static bool Reduce(IrFunction function, LoopUnrolling.Loop loop, ValueRanges ranges)
    {
        var header = loop.Header;
        var preheader = loop.Preheader;
        int entry = header.Predecessors.IndexOf(preheader);
        int back = header.Predecessors.IndexOf(loop.Latch);
        var pointers = new Dictionary<(IrValue Base, IrInstruction Counter, long Scale), (IrInstruction Pointer, long Offset)>();
        var replacements = new Dictionary<IrValue, IrValue>();
        foreach (var block in function.Blocks.Where(loop.Blocks.Contains))
            foreach (var address in block.Instructions.ToList())
            {
                if (address is not { Opcode: IrOpcode.Add, Wide: true })
                    continue;
                int index = address.Operands.FindIndex(operand => operand is IrInstruction { Wide: true } defined && !loop.Blocks.Contains(defined.Block));
                if (index < 0 || Linear(loop, address.Operands[1 - index], ranges, block) is not { } linear)
                    continue;
                var @base = address.Operands[index];
                var (counter, scale, offset) = linear;
                if (counter.Operands[entry] is not IrConstant start || Step(counter, counter.Operands[back]) is not { } step)
                    continue;
                if (pointers.TryGetValue((@base, counter, scale), out var shared))
                {
                    // Another offset from the same pointer: an add that address folding moves into the access.
                    address.Operands[index] = shared.Pointer;
                    address.Operands[1 - index] = IrConstant.Of(offset - shared.Offset, true);
                    continue;
                }
                var first = function.New(IrOpcode.Add, true, @base, IrConstant.Of(scale * start.Value + offset, true));
                preheader.InsertBeforeTerminator(first);
                var pointer = function.New(IrOpcode.Phi, true);
                pointer.Block = header;
                header.Instructions.Insert(0, pointer);
                var next = function.New(IrOpcode.Add, true, pointer, IrConstant.Of(scale * step, true));
                loop.Latch.InsertBeforeTerminator(next);
                pointer.Operands.AddRange(header.Predecessors.Select(_ => (IrValue)first));
                pointer.Operands[back] = next;
                pointers[(@base, counter, scale)] = (pointer, offset);
                replacements[address] = pointer;
            }
        IrEdits.ReplaceUses(function, replacements);
        return pointers.Count > 0;
    }

    /// <summary>The constant step of a counter phi (its back-edge value is itself plus a constant), or null.</summary>
    private static long? Step(IrInstruction counter, IrValue next) =>
        next is IrInstruction { Opcode: IrOpcode.Add } add && add.Wide == counter.Wide && add.Operands[0] == counter && add.Operands[1] is IrConstant step
            ? (counter.Wide ? step.Value : step.Int32)
            : null;

    /// <summary>
    /// <paramref name="value"/> as scale × counter + offset, for a phi counter of the loop's header, computed
    /// without wrapping over the counter's range at <paramref name="block"/>; null when it is not.
    /// </summary>
    private static (IrInstruction Counter, long Scale, long Offset)? Linear(LoopUnrolling.Loop loop, IrValue value, ValueRanges ranges, IrBlock block)
    {
        if (value is IrInstruction { Opcode: IrOpcode.SignExtend, Size: 4, Wide: true } extension && !extension.Operands[0].Wide)
            value = extension.Operands[0];
        var terms = new List<IrInstruction>();
        var current = value;
        long scale = 1, offset = 0;
        // Walk down to the counter, then apply the steps back up (innermost first).
        while (current is IrInstruction step && !(step.Opcode == IrOpcode.Phi && step.Block == loop.Header))
        {
            if (step.Opcode is not (IrOpcode.Add or IrOpcode.Mul or IrOpcode.ShiftLeft) || step.Operands[1] is not IrConstant
                || step.Wide != value.Wide || !loop.Blocks.Contains(step.Block))
                return null;
            terms.Add(step);
            current = step.Operands[0];
        }
        if (current is not IrInstruction counter || counter.Wide != value.Wide)
            return null;
        var range = ranges.At(counter, block);
        const long limit = 1L << 40;
        if (range.Lo < -limit || range.Hi > limit)
            return null;
        long lo = range.Lo, hi = range.Hi;
        for (int i = terms.Count - 1; i >= 0; i--)
        {
            long constant = ((IrConstant)terms[i].Operands[1]).Value;
            if (!value.Wide)
                constant = (int)constant;
            (long factor, long add) = terms[i].Opcode switch
            {
                IrOpcode.Add => (1L, constant),
                IrOpcode.Mul => (constant, 0L),
                _ => constant is >= 0 and < 31 ? (1L << (int)constant, 0L) : (0L, 0L),
            };
            if (factor <= 0)
                return null;
            scale *= factor;
            offset = offset * factor + add;
            lo = lo * factor + add;
            hi = hi * factor + add;
            long min = value.Wide ? -limit : int.MinValue, max = value.Wide ? limit : int.MaxValue;
            if (lo < min || hi > max || scale > 1L << 16 || Math.Abs(offset) > limit)
                return null;
        }
        // A 32-bit offset reaches the pointer zero-extended (or sign-extended): equal only when non-negative.
        if (!value.Wide && lo < 0)
            return null;
        return (counter, scale, offset);
    }
}

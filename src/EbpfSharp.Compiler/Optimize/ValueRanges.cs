using EbpfSharp.Compiler.Analysis;
using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// A signed interval a value lies in: for a 32-bit value as an <c>int</c>, for a 64-bit one as a <c>long</c>.
/// A 32-bit value with <see cref="Lo"/> ≥ 0 reads the same signed and unsigned, and sign- or zero-extending it
/// gives the register it already is.
/// </summary>
internal readonly record struct ValueRange(long Lo, long Hi)
{
    public static ValueRange Full(bool wide) => wide ? new(long.MinValue, long.MaxValue) : new(int.MinValue, int.MaxValue);

    public static ValueRange Of(long value) => new(value, value);

    public bool NonNegative => Lo >= 0;

    public bool Within(long lo, long hi) => Lo >= lo && Hi <= hi;

    public ValueRange Union(ValueRange other) => new(Math.Min(Lo, other.Lo), Math.Max(Hi, other.Hi));

    public override string ToString() => $"[{Lo}, {Hi}]";
}

/// <summary>
/// Value ranges over the SSA IR: an optimistic fixed point from the entry, where a value used below a
/// compare-and-branch is narrowed by the condition that holds there (<c>i &lt; n</c> in a loop body), and a loop
/// phi that keeps growing is widened to its type's bound. A phi that steps by a positive constant each time round
/// a loop whose trip count another phi bounds (the offset next to a depth counter) gets the bound that implies.
/// </summary>
internal sealed class ValueRanges
{
    private const int WidenAfter = 40;
    private const int MaxRounds = 80;

    private readonly Dictionary<IrInstruction, ValueRange> _ranges = [];
    private readonly Dictionary<IrBlock, List<(IrInstruction Compare, bool Holds)>> _facts = [];
    private readonly Dominators _dominators;
    private readonly bool _converged;

    private ValueRanges(IrFunction function)
    {
        _dominators = Dominators.Compute(function);
        var order = BlockOrder.ReversePostorder(function);
        foreach (var block in order)
            _facts[block] = FactsOf(block, order);
        for (int round = 0; round < MaxRounds; round++)
        {
            bool changed = false;
            foreach (var block in order)
                foreach (var instruction in block.Instructions)
                {
                    if (!instruction.HasResult)
                        continue;
                    var computed = Compute(instruction);
                    if (computed is not { } range)
                        continue;
                    if (_ranges.TryGetValue(instruction, out var old))
                    {
                        range = range.Union(old);
                        if (range == old)
                            continue;
                        if (instruction.Opcode == IrOpcode.Phi && round >= WidenAfter)
                        {
                            var full = ValueRange.Full(instruction.Wide);
                            range = new(range.Lo < old.Lo ? full.Lo : range.Lo, range.Hi > old.Hi ? full.Hi : range.Hi);
                        }
                    }
                    _ranges[instruction] = range;
                    changed = true;
                }
            if (!changed)
            {
                _converged = true;
                return;
            }
        }
    }

    public static ValueRanges Compute(IrFunction function) => new(function);

    /// <summary>The range of <paramref name="value"/> wherever it is used in <paramref name="block"/>.</summary>
    public ValueRange At(IrValue value, IrBlock block)
    {
        var range = Base(value);
        if (value is IrConstant || !_converged || !_facts.TryGetValue(block, out var facts))
            return range;
        return Refine(value, range, facts) ?? range;
    }

    /// <summary>The range without conditions (the full range for anything not analysed).</summary>
    public ValueRange Base(IrValue value) => value switch
    {
        IrConstant constant => ValueRange.Of(constant.Wide ? constant.Value : constant.Int32),
        IrInstruction instruction when _converged && _ranges.TryGetValue(instruction, out var range) => range,
        _ => ValueRange.Full(value.Wide),
    };

    private ValueRange? Current(IrValue value) => value switch
    {
        IrConstant constant => ValueRange.Of(constant.Wide ? constant.Value : constant.Int32),
        IrInstruction instruction when instruction.HasResult => _ranges.TryGetValue(instruction, out var range) ? range : null,
        _ => ValueRange.Full(value.Wide),
    };

    private ValueRange? CurrentAt(IrValue value, IrBlock block, (IrInstruction Compare, bool Holds)? edge = null)
    {
        if (Current(value) is not { } range)
            return null;
        if (value is IrConstant)
            return range;
        IEnumerable<(IrInstruction, bool)> facts = _facts.TryGetValue(block, out var known) ? known : [];
        if (edge is { } fact)
            facts = facts.Append(fact);
        return Refine(value, range, facts);
    }

    /// <summary>The conditions known on entry to a block: the edges into the blocks that dominate it, taken when only they lead there.</summary>
    private List<(IrInstruction, bool)> FactsOf(IrBlock block, List<IrBlock> reachable)
    {
        var facts = new List<(IrInstruction, bool)>();
        foreach (var dominator in reachable)
            if (_dominators.Dominates(dominator, block) && EdgeFact(dominator) is { } fact)
                facts.Add(fact);
        return facts;
    }

    private static (IrInstruction, bool)? EdgeFact(IrBlock block)
    {
        if (block.Predecessors.Count != 1)
            return null;
        return EdgeFact(block.Predecessors[0], block);
    }

    private static (IrInstruction, bool)? EdgeFact(IrBlock from, IrBlock to)
    {
        if (from.Terminator is not { Opcode: IrOpcode.CompareBranch } branch || branch.Targets[0] == branch.Targets[1])
            return null;
        return (branch, branch.Targets[0] == to);
    }

    private ValueRange? Refine(IrValue value, ValueRange range, IEnumerable<(IrInstruction Compare, bool Holds)> facts)
    {
        foreach (var (compare, holds) in facts)
        {
            if ((compare.Size == 8) != value.Wide)
                continue;
            var condition = holds ? compare.Condition : compare.Condition.Negate();
            IrValue other;
            if (compare.Operands[0] == value)
                other = compare.Operands[1];
            else if (compare.Operands[1] == value)
            {
                other = compare.Operands[0];
                condition = condition.Swap();
            }
            else
                continue;
            if (other == value || Current(other) is not { } bound)
                continue;
            range = Apply(condition, range, bound);
            if (range.Lo > range.Hi)
                return null;
        }
        return range;
    }

    private static ValueRange Apply(IrCondition condition, ValueRange x, ValueRange y)
    {
        long lo = x.Lo, hi = x.Hi;
        switch (condition)
        {
            case IrCondition.Equal:
                lo = Math.Max(lo, y.Lo);
                hi = Math.Min(hi, y.Hi);
                break;
            case IrCondition.NotEqual when y.Lo == y.Hi:
                if (lo == y.Lo && lo < long.MaxValue)
                    lo++;
                else if (hi == y.Lo && hi > long.MinValue)
                    hi--;
                break;
            case IrCondition.Less when y.Hi > long.MinValue:
                hi = Math.Min(hi, y.Hi - 1);
                break;
            case IrCondition.LessOrEqual:
                hi = Math.Min(hi, y.Hi);
                break;
            case IrCondition.Greater when y.Lo < long.MaxValue:
                lo = Math.Max(lo, y.Lo + 1);
                break;
            case IrCondition.GreaterOrEqual:
                lo = Math.Max(lo, y.Lo);
                break;
            // Unsigned against a bound that is non-negative as signed: below it means in [0, bound).
            case IrCondition.LessUnsigned when y.Lo >= 0:
                lo = Math.Max(lo, 0);
                hi = Math.Min(hi, y.Hi - 1);
                break;
            case IrCondition.LessOrEqualUnsigned when y.Lo >= 0:
                lo = Math.Max(lo, 0);
                hi = Math.Min(hi, y.Hi);
                break;
            case IrCondition.GreaterUnsigned when x.Lo >= 0 && y.Lo >= 0 && y.Lo < long.MaxValue:
                lo = Math.Max(lo, y.Lo + 1);
                break;
            case IrCondition.GreaterOrEqualUnsigned when x.Lo >= 0 && y.Lo >= 0:
                lo = Math.Max(lo, y.Lo);
                break;
        }
        return new(lo, hi);
    }

    private ValueRange? Compute(IrInstruction instruction)
    {
        bool wide = instruction.Wide;
        var full = ValueRange.Full(wide);
        var block = instruction.Block;
        if (instruction.Opcode == IrOpcode.Phi)
            return PhiRange(instruction);
        var operands = instruction.Operands;
        ValueRange? a = null, b = null;
        if (operands.Count > 0 && ConstantEvaluator.IsPure(instruction))
        {
            a = CurrentAt(operands[0], block);
            if (a is null)
                return null;
            if (operands.Count > 1)
            {
                b = CurrentAt(operands[1], block);
                if (b is null)
                    return null;
            }
        }
        long? shift = operands.Count > 1 && operands[1] is IrConstant constant ? constant.Value & (wide ? 63 : 31) : null;
        switch (instruction.Opcode)
        {
            case IrOpcode.Copy:
                if (wide == operands[0].Wide)
                    return a;
                if (wide)
                    return a!.Value.NonNegative ? a : new ValueRange(0, uint.MaxValue);
                return a!.Value.Within(int.MinValue, int.MaxValue) ? a : full;
            case IrOpcode.Add:
                return Fit(full, (Int128)a!.Value.Lo + b!.Value.Lo, (Int128)a.Value.Hi + b.Value.Hi);
            case IrOpcode.Sub when IsPacketLength(instruction):
                return new ValueRange(0, int.MaxValue);
            case IrOpcode.Sub:
                return Fit(full, (Int128)a!.Value.Lo - b!.Value.Hi, (Int128)a.Value.Hi - b.Value.Lo);
            case IrOpcode.Mul:
            {
                Int128[] corners = [(Int128)a!.Value.Lo * b!.Value.Lo, (Int128)a.Value.Lo * b.Value.Hi, (Int128)a.Value.Hi * b.Value.Lo, (Int128)a.Value.Hi * b.Value.Hi];
                return Fit(full, corners.Min(), corners.Max());
            }
            case IrOpcode.And:
                if (a!.Value.NonNegative && b!.Value.NonNegative)
                    return new ValueRange(0, Math.Min(a.Value.Hi, b.Value.Hi));
                if (a.Value.NonNegative)
                    return new ValueRange(0, a.Value.Hi);
                if (b!.Value.NonNegative)
                    return new ValueRange(0, b.Value.Hi);
                return full;
            case IrOpcode.Or or IrOpcode.Xor:
                if (a!.Value.NonNegative && b!.Value.NonNegative)
                    return new ValueRange(0, AllOnesCovering(Math.Max(a.Value.Hi, b.Value.Hi)));
                return full;
            case IrOpcode.ShiftLeft when shift is { } s && a!.Value.NonNegative:
                return Fit(full, (Int128)a.Value.Lo << (int)s, (Int128)a.Value.Hi << (int)s);
            case IrOpcode.ShiftRightUnsigned when shift is { } s:
                if (a!.Value.NonNegative)
                    return new ValueRange(a.Value.Lo >> (int)s, a.Value.Hi >> (int)s);
                if (s == 0)
                    return full;
                return new ValueRange(0, wide ? (long)(ulong.MaxValue >> (int)s) : uint.MaxValue >> (int)s);
            case IrOpcode.ShiftRightSigned when shift is { } s:
                return new ValueRange(a!.Value.Lo >> (int)s, a.Value.Hi >> (int)s);
            case IrOpcode.DivUnsigned when b!.Value.Lo > 0:
                if (a!.Value.NonNegative)
                    return new ValueRange(a.Value.Lo / b.Value.Hi, a.Value.Hi / b.Value.Lo);
                if (b.Value.Lo >= 2)
                    return new ValueRange(0, wide ? (long)(ulong.MaxValue / (ulong)b.Value.Lo) : uint.MaxValue / b.Value.Lo);
                return full;
            case IrOpcode.RemUnsigned when b!.Value.Lo > 0:
                return new ValueRange(0, a!.Value.NonNegative ? Math.Min(a.Value.Hi, b.Value.Hi - 1) : b.Value.Hi - 1);
            case IrOpcode.DivSigned when b!.Value.Lo > 0 && a!.Value.NonNegative:
                return new ValueRange(a.Value.Lo / b.Value.Hi, a.Value.Hi / b.Value.Lo);
            case IrOpcode.RemSigned when b!.Value.Lo > 0:
                return a!.Value.NonNegative ? new ValueRange(0, Math.Min(a.Value.Hi, b.Value.Hi - 1)) : new ValueRange(1 - b.Value.Hi, b.Value.Hi - 1);
            case IrOpcode.SignExtend:
            {
                int bits = instruction.Size * 8;
                long max = bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1, min = -max - 1;
                if (instruction.Size == 4 && !operands[0].Wide)
                    return a;   // the int itself
                return a!.Value.Within(min, max) && operands[0].Wide == wide ? a : new ValueRange(min, max);
            }
            case IrOpcode.ZeroExtend:
            {
                if (instruction.Size >= 8)
                    return full;
                long max = instruction.Size == 4 ? uint.MaxValue : (1L << (instruction.Size * 8)) - 1;
                if (!wide && instruction.Size == 4)
                    return operands[0].Wide ? (a!.Value.Within(0, int.MaxValue) ? a : full) : a;
                return a!.Value.Within(0, max) ? a : new ValueRange(0, max);
            }
            case IrOpcode.Load when instruction.ContextPointer != ContextPointer.None:
                return full;
            case IrOpcode.Load or IrOpcode.ByteSwap when instruction.Size < 4 || (instruction.Size == 4 && wide):
                return new ValueRange(0, instruction.Size == 4 ? uint.MaxValue : (1L << (instruction.Size * 8)) - 1);
            case IrOpcode.Compare:
                return new ValueRange(0, 1);
            case IrOpcode.Negate when a!.Value.Lo > full.Lo:
                return new ValueRange(-a.Value.Hi, -a.Value.Lo);
            case IrOpcode.Not:
                return new ValueRange(~a!.Value.Hi, ~a.Value.Lo);
        }
        return full;
    }

    /// <summary>
    /// <c>ctx.DataEnd - ctx.Data</c>: the kernel keeps data_end at or after data, and a packet's linear part is far
    /// below 2 GiB, so <c>(ulong)ctx.Length</c> needs no sign extension.
    /// </summary>
    private static bool IsPacketLength(IrInstruction subtraction) =>
        subtraction.Operands is [IrInstruction { ContextPointer: ContextPointer.PacketEnd } end, IrInstruction { ContextPointer: ContextPointer.PacketStart } start]
        && end.Operands[0] == start.Operands[0];

    private static ValueRange Fit(ValueRange full, Int128 lo, Int128 hi) =>
        lo >= full.Lo && hi <= full.Hi ? new ValueRange((long)lo, (long)hi) : full;

    private static long AllOnesCovering(long value)
    {
        long mask = 0;
        while (mask < value)
            mask = (mask << 1) | 1;
        return mask;
    }

    private ValueRange? PhiRange(IrInstruction phi)
    {
        var block = phi.Block;
        ValueRange? result = null;
        for (int i = 0; i < phi.Operands.Count && i < block.Predecessors.Count; i++)
        {
            var predecessor = block.Predecessors[i];
            if (!_facts.ContainsKey(predecessor))
                continue;   // unreachable
            var operand = phi.Operands[i];
            if (operand == phi)
                continue;
            if (operand.Wide != phi.Wide)
                return ValueRange.Full(phi.Wide);
            if (CurrentAt(operand, predecessor, EdgeFact(predecessor, block)) is { } range)
                result = result is { } known ? known.Union(range) : range;
        }
        if (result is { } union && StepBound(phi) is { } bound && bound.Hi < union.Hi && bound.Lo <= union.Lo)
            return new ValueRange(union.Lo, bound.Hi);
        return result;
    }

    /// <summary>
    /// For a loop phi <c>x = φ(init, x + c)</c> (c a constant or a value in [0, c]) next to a counter <c>i = φ(i0, i + 1)</c> whose value on the
    /// back edge is bounded: the back edge is taken at most (hi - lo + 1) times, so x stays below init + c × that.
    /// </summary>
    private ValueRange? StepBound(IrInstruction phi)
    {
        var block = phi.Block;
        if (block.Predecessors.Count != 2 || phi.Operands.Count != 2)
            return null;
        int back = -1;
        for (int i = 0; i < 2; i++)
            if (_dominators.Dominates(block, block.Predecessors[i]))
                back = i;
        if (back < 0 || _dominators.Dominates(block, block.Predecessors[1 - back]))
            return null;
        var latch = block.Predecessors[back];
        if (!IsStep(phi, phi.Operands[back], out long step) || step < 0 || Current(phi.Operands[1 - back]) is not { } init)
            return null;
        foreach (var counter in block.Phis)
        {
            if (counter == phi || counter.Operands.Count != 2 || counter.Operands[back] is not IrInstruction { Opcode: IrOpcode.Add } counterAdd
                || counterAdd.Operands[0] != counter || counterAdd.Operands[1] is not IrConstant { Value: 1 } || counterAdd.Wide != counter.Wide)
                continue;
            // The counter's value where it is stepped, under the conditions that hold there.
            var increment = (IrInstruction)counter.Operands[back];
            if (CurrentAt(counter, increment.Block) is not { } range || range.Lo > range.Hi)
                continue;
            if (!_dominators.Dominates(increment.Block, latch))
                continue;
            Int128 trips = (Int128)range.Hi - range.Lo + 1;
            Int128 hi = init.Hi + trips * step;
            var full = ValueRange.Full(phi.Wide);
            if (hi <= full.Hi)
                return new ValueRange(init.Lo, (long)hi);
        }
        return null;
    }

    /// <summary>Whether <paramref name="value"/> is <paramref name="phi"/> plus a step (constant, or any value in a non-negative range).</summary>
    private bool IsStep(IrInstruction phi, IrValue value, out long step)
    {
        step = 0;
        if (value is not IrInstruction { Opcode: IrOpcode.Add } add || add.Wide != phi.Wide)
            return false;
        var other = add.Operands[0] == phi ? add.Operands[1] : add.Operands[1] == phi ? add.Operands[0] : null;
        if (other is null || other == phi)
            return false;
        if (other is IrConstant constant)
        {
            step = phi.Wide ? constant.Value : constant.Int32;
            return true;
        }
        if (Current(other) is not { NonNegative: true } range)
            return false;
        step = range.Hi;
        return true;
    }
}

using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Uses <see cref="ValueRanges"/>: drops sign and zero extensions and masks that cannot change the value (an
/// <c>int</c> offset known non-negative is added to a pointer as the zero-extended register ALU32 left, not
/// through <c>r &lt;&lt;= 32; r s&gt;&gt;= 32</c>), turns signed division and remainder of non-negative values into
/// unsigned ones (by a power of two: a shift or a mask, which the verifier tracks bounds through), and folds
/// compares whose outcome the ranges decide, and complements the low bits of a value that has no others with
/// one <c>xor</c>.
/// </summary>
internal static class RangeSimplification
{
    public static bool Run(IrFunction function)
    {
        var ranges = ValueRanges.Compute(function);
        var replacements = new Dictionary<IrValue, IrValue>();
        bool changed = false;
        foreach (var block in function.Blocks.ToList())
        {
            foreach (var instruction in block.Instructions.ToList())
            {
                if (instruction.IsTerminator)
                {
                    changed |= FoldBranch(function, block, instruction, ranges);
                    continue;
                }
                if (Replacement(instruction, ranges) is { } replacement)
                {
                    replacements[instruction] = replacement;
                    block.Instructions.Remove(instruction);
                    changed = true;
                }
                else
                    changed |= Rewrite(instruction, ranges);
            }
        }
        IrEdits.ReplaceUses(function, replacements);
        return changed;
    }

    private static IrValue? Replacement(IrInstruction instruction, ValueRanges ranges)
    {
        var operands = instruction.Operands;
        if (operands.Count == 0)
            return null;
        var a = operands[0];
        var range = ranges.At(a, instruction.Block);
        bool wide = instruction.Wide;
        // A computation with one possible value (the carry of a sum too small to have one).
        if ((ConstantEvaluator.IsPure(instruction) && instruction.Opcode != IrOpcode.Materialize || instruction.Opcode == IrOpcode.Phi)
            && ranges.Base(instruction) is { } own && own.Lo == own.Hi)
            return IrConstant.Of(own.Lo, wide);
        switch (instruction.Opcode)
        {
            // int → long of a value that is not negative: the register already holds it zero-extended.
            case IrOpcode.SignExtend when instruction.Size == 4 && wide && !a.Wide && range.NonNegative:
                return a;
            case IrOpcode.SignExtend when a.Wide == wide && a is not IrConstant:
            {
                long max = instruction.Size >= 8 ? long.MaxValue : (1L << (instruction.Size * 8 - 1)) - 1;
                return range.Within(-max - 1, max) ? a : null;
            }
            case IrOpcode.ZeroExtend when instruction.Size == 4 && wide && !a.Wide:
                return a;
            // (uint)x of a long known to fit: the register already holds the zero-extended value, as a 32-bit value stands for a wide one.
            case IrOpcode.ZeroExtend when instruction.Size == 4 && !wide && a.Wide && a is not IrConstant:
                return range.Within(0, uint.MaxValue) ? a : null;
            case IrOpcode.ZeroExtend when a.Wide == wide && a is not IrConstant:
            {
                long max = instruction.Size >= 8 ? long.MaxValue : (1L << (instruction.Size * 8)) - 1;
                return range.Within(0, max) ? a : null;
            }
            case IrOpcode.And when a.Wide == wide && a is not IrConstant && operands[1] is IrConstant mask:
            {
                long value = wide ? mask.Value : mask.Int32;
                return value >= 0 && (value & (value + 1)) == 0 && range.Within(0, value) ? a : null;
            }
            case IrOpcode.Compare when SameWidth(instruction) && Decide(instruction.Condition, range, ranges.At(operands[1], instruction.Block)) is { } outcome:
                return IrConstant.Of(outcome ? 1 : 0, wide);
        }
        return null;
    }

    private static bool Rewrite(IrInstruction instruction, ValueRanges ranges)
    {
        // (u16)(u32)x: one zero-extension of x does (the 32-bit one adds a mov).
        if (instruction is { Opcode: IrOpcode.ZeroExtend, Wide: false } && instruction.Operands[0] is IrInstruction { Opcode: IrOpcode.ZeroExtend, Wide: false } inner
            && inner.Size >= instruction.Size)
        {
            instruction.Operands[0] = inner.Operands[0];
            return true;
        }
        if (ComplementWithinMask(instruction, ranges))
            return true;
        if (instruction.Opcode is not (IrOpcode.DivSigned or IrOpcode.RemSigned))
            return false;
        var block = instruction.Block;
        var dividend = ranges.At(instruction.Operands[0], block);
        var divisor = ranges.At(instruction.Operands[1], block);
        if (!dividend.NonNegative || !divisor.NonNegative)
            return false;
        bool div = instruction.Opcode == IrOpcode.DivSigned;
        if (instruction.Operands[1] is IrConstant constant && divisor.Lo > 0 && (divisor.Lo & (divisor.Lo - 1)) == 0)
        {
            int log = System.Numerics.BitOperations.Log2((ulong)divisor.Lo);
            instruction.Opcode = div ? IrOpcode.ShiftRightUnsigned : IrOpcode.And;
            instruction.Operands[1] = IrConstant.Of(div ? log : divisor.Lo - 1, constant.Wide);
            return true;
        }
        instruction.Opcode = div ? IrOpcode.DivUnsigned : IrOpcode.RemUnsigned;
        return true;
    }

    /// <summary>
    /// <c>~x &amp; m</c> → <c>x ^ m</c> for a mask <c>m = 2^k - 1</c> and <c>x</c> in [0, m]: the complement of the low k
    /// bits, in one instruction instead of two (the RFC 1624 checksum update complements 16-bit values).
    /// </summary>
    private static bool ComplementWithinMask(IrInstruction instruction, ValueRanges ranges)
    {
        long? mask = instruction switch
        {
            { Opcode: IrOpcode.And, Operands: [_, IrConstant constant] } => instruction.Wide ? constant.Value : constant.Int32,
            { Opcode: IrOpcode.ZeroExtend, Size: 1 or 2 or 4 } => (1L << (instruction.Size * 8)) - 1,
            _ => null,
        };
        if (mask is not { } value || instruction.Operands[0] is not IrInstruction { Opcode: IrOpcode.Not } complement)
            return false;
        var x = complement.Operands[0];
        if (value < 0 || (value & (value + 1)) != 0 || x.Wide != complement.Wide || !x.Wide && value > uint.MaxValue || !ranges.At(x, instruction.Block).Within(0, value))
            return false;
        instruction.Opcode = IrOpcode.Xor;
        instruction.Size = 0;
        instruction.Operands.Clear();
        instruction.Operands.AddRange([x, IrConstant.Of(value, instruction.Wide)]);
        return true;
    }

    private static bool FoldBranch(IrFunction function, IrBlock block, IrInstruction terminator, ValueRanges ranges)
    {
        if (terminator.Opcode != IrOpcode.CompareBranch || terminator.Targets[0] == terminator.Targets[1])
            return false;
        if (terminator.Operands[0] is IrConstant && terminator.Operands[1] is IrConstant || !SameWidth(terminator))
            return false;   // Simplification's
        var left = ranges.At(terminator.Operands[0], block);
        var right = ranges.At(terminator.Operands[1], block);
        if (Decide(terminator.Condition, left, right) is not { } taken)
            return false;
        IrEdits.ReplaceWithJump(function, block, terminator.Targets[taken ? 0 : 1]);
        return true;
    }

    /// <summary>Whether the compare's operands have its width (so their ranges are those of the compared values).</summary>
    private static bool SameWidth(IrInstruction compare) => compare.Operands.All(operand => operand.Wide == (compare.Size == 8));

    /// <summary>The compare's outcome when every pair of values in the ranges gives the same one.</summary>
    internal static bool? Decide(IrCondition condition, ValueRange x, ValueRange y)
    {
        if (condition is >= IrCondition.LessUnsigned and <= IrCondition.GreaterOrEqualUnsigned)
        {
            // Unsigned order is signed order when both are non-negative.
            if (!x.NonNegative || !y.NonNegative)
                return null;
            condition += IrCondition.Less - IrCondition.LessUnsigned;
        }
        return condition switch
        {
            IrCondition.Equal when x.Lo == x.Hi && y.Lo == y.Hi && x.Lo == y.Lo => true,
            IrCondition.Equal when x.Hi < y.Lo || y.Hi < x.Lo => false,
            IrCondition.NotEqual when x.Hi < y.Lo || y.Hi < x.Lo => true,
            IrCondition.NotEqual when x.Lo == x.Hi && y.Lo == y.Hi && x.Lo == y.Lo => false,
            IrCondition.Less when x.Hi < y.Lo => true,
            IrCondition.Less when x.Lo >= y.Hi => false,
            IrCondition.LessOrEqual when x.Hi <= y.Lo => true,
            IrCondition.LessOrEqual when x.Lo > y.Hi => false,
            IrCondition.Greater when x.Lo > y.Hi => true,
            IrCondition.Greater when x.Hi <= y.Lo => false,
            IrCondition.GreaterOrEqual when x.Lo >= y.Hi => true,
            IrCondition.GreaterOrEqual when x.Hi < y.Lo => false,
            _ => null,
        };
    }
}

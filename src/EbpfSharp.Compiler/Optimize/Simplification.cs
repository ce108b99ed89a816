using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Constant folding, copy propagation and algebraic identities, plus folding of branches whose outcome is
/// known. Debug IL (locals for everything, compare-then-branch through a bool) comes out as Release IL would.
/// </summary>
internal static class Simplification
{
    public static bool Run(IrFunction function)
    {
        bool changed = false;
        var replacements = new Dictionary<IrValue, IrValue>();
        foreach (var block in function.Blocks)
            foreach (var instruction in block.Instructions.ToList())
            {
                if (instruction.Opcode == IrOpcode.Phi)
                    continue;
                if (instruction.IsTerminator)
                {
                    changed |= SimplifyTerminator(function, block, instruction);
                    continue;
                }
                changed |= SkipLowBytesMask(instruction);
                changed |= UnsignedPowerOfTwoDivision(instruction);
                if (Replacement(instruction) is { } replacement && replacement != instruction)
                {
                    replacements[instruction] = replacement;
                    block.Instructions.Remove(instruction);
                    IrEdits.ReplaceUses(function, replacements);
                    replacements.Clear();
                    changed = true;
                }
            }
        return changed;
    }

    /// <summary>
    /// Unsigned <c>x / 2^k</c> is <c>x &gt;&gt; k</c> and <c>x % 2^k</c> is <c>x &amp; (2^k - 1)</c> (a hash modulo a table
    /// size): a division costs a slow instruction once JIT-compiled, and the verifier keeps no bounds across it.
    /// </summary>
    private static bool UnsignedPowerOfTwoDivision(IrInstruction instruction)
    {
        if (instruction is not { Opcode: IrOpcode.DivUnsigned or IrOpcode.RemUnsigned, Operands: [_, IrConstant divisor] })
            return false;
        ulong value = instruction.Wide ? (ulong)divisor.Value : (uint)divisor.Int32;
        if (value < 2 || (value & (value - 1)) != 0)
            return false;
        bool div = instruction.Opcode == IrOpcode.DivUnsigned;
        instruction.Opcode = div ? IrOpcode.ShiftRightUnsigned : IrOpcode.And;
        instruction.Operands[1] = IrConstant.Of(div ? System.Numerics.BitOperations.Log2(value) : (long)(value - 1), instruction.Wide);
        return true;
    }

    private static IrValue? Replacement(IrInstruction instruction)
    {
        if (instruction.HasSideEffects)
            return null;
        if (ConstantEvaluator.Evaluate(instruction) is { } constant)
            return constant;
        var operands = instruction.Operands;
        var a = operands.Count > 0 ? operands[0] : null;
        var b = operands.Count > 1 ? operands[1] : null;
        long? right = (b as IrConstant)?.Value;
        bool wide = instruction.Wide;
        long allOnes = wide ? -1 : 0xFFFF_FFFF;
        switch (instruction.Opcode)
        {
            case IrOpcode.Copy when a!.Wide == wide || !a.Wide:
                return a;
            case IrOpcode.Add or IrOpcode.Sub or IrOpcode.Or or IrOpcode.Xor or IrOpcode.ShiftLeft or IrOpcode.ShiftRightSigned or IrOpcode.ShiftRightUnsigned
                when right == 0 && a!.Wide == wide:
                return a;
            case IrOpcode.Mul or IrOpcode.DivUnsigned or IrOpcode.DivSigned when right == 1 && a!.Wide == wide:
                return a;
            case IrOpcode.And when right == allOnes && a!.Wide == wide:
                return a;
            case IrOpcode.And or IrOpcode.Mul when right == 0:
                return IrConstant.Of(0, wide);
            case IrOpcode.Add or IrOpcode.Mul or IrOpcode.And or IrOpcode.Or or IrOpcode.Xor when a is IrConstant && b is not IrConstant:
                (operands[0], operands[1]) = (b!, a);
                return null;
            case IrOpcode.Add when a is IrInstruction { Opcode: IrOpcode.Add, Wide: true } inner && inner.Operands[1] is IrConstant c1 && right is { } c2 && wide:
                operands[0] = inner.Operands[0];
                operands[1] = IrConstant.Of64(c1.Value + c2);
                return null;
            case IrOpcode.ZeroExtend:
                return ZeroExtendReplacement(instruction, a!);
            case IrOpcode.SignExtend when a is IrInstruction { Opcode: IrOpcode.SignExtend } inner && inner.Size <= instruction.Size && inner.Wide == wide:
                return inner;
            case IrOpcode.Compare when b is IrConstant { Value: 0 } && a is IrInstruction { Opcode: IrOpcode.Compare } inner && instruction.Condition is IrCondition.NotEqual:
                return inner;
            case IrOpcode.Compare when b is IrConstant { Value: 0 } && a is IrInstruction { Opcode: IrOpcode.Compare } inner && instruction.Condition is IrCondition.Equal:
                instruction.Condition = inner.Condition.Negate();
                instruction.Size = inner.Size;
                operands[0] = inner.Operands[0];
                operands[1] = inner.Operands[1];
                return null;
        }
        return null;
    }

    /// <summary>
    /// An instruction that reads only the low bytes of an operand (a narrow store, a byte swap, a zero-extension)
    /// reads them past an <c>and</c> that keeps them: <c>w1 &amp;= 0xffff; be16 r1</c> needs no <c>and</c>.
    /// </summary>
    private static bool SkipLowBytesMask(IrInstruction instruction)
    {
        int index = instruction.Opcode switch
        {
            IrOpcode.ByteSwap or IrOpcode.ZeroExtend => 0,
            IrOpcode.Store => 1,
            _ => -1,
        };
        if (index < 0 || instruction.Size is not (1 or 2 or 4) || instruction.Operands[index] is not IrInstruction operand || operand.Operands.Count == 0
            || operand.Operands[0] is IrConstant)
            return false;
        long low = (1L << (instruction.Size * 8)) - 1;
        bool keepsLowBytes = operand switch
        {
            { Opcode: IrOpcode.And, Operands: [_, IrConstant mask] } => (mask.Value & low) == low,
            // A stored (uint)pointer stays cut: the verifier refuses narrow stores of a pointer.
            { Opcode: IrOpcode.ZeroExtend } => operand.Size >= instruction.Size && MemoryPlace.IsInteger(operand.Operands[0]),
            _ => false,
        };
        if (!keepsLowBytes)
            return false;
        instruction.Operands[index] = operand.Operands[0];
        return true;
    }

    private static IrValue? ZeroExtendReplacement(IrInstruction instruction, IrValue operand)
    {
        int size = instruction.Size;
        if (size == 4 && !operand.Wide && !instruction.Wide)
            return operand;
        if (operand is IrInstruction { Opcode: IrOpcode.Load } load && load.Size <= size && load.Wide == instruction.Wide)
            return load;
        if (operand is IrInstruction { Opcode: IrOpcode.ZeroExtend } inner && inner.Size <= size && inner.Wide == instruction.Wide)
            return inner;
        if (operand is IrInstruction { Opcode: IrOpcode.ByteSwap } swap && swap.Size <= size && swap.Wide == instruction.Wide)
            return swap;
        if (IsBoolean(operand) && size >= 1 && !instruction.Wide)
            return operand;
        return null;
    }

    /// <summary>A 32-bit 0 or 1: a compare, or a phi of compares and those constants (C#'s bool after || and &amp;&amp;).</summary>
    private static bool IsBoolean(IrValue value) => value switch
    {
        IrInstruction { Opcode: IrOpcode.Compare } => true,
        IrInstruction { Opcode: IrOpcode.Phi, Wide: false } phi => phi.Operands.All(operand =>
            operand is IrConstant { Value: 0 or 1 } or IrInstruction { Opcode: IrOpcode.Compare } || operand == phi),
        _ => false,
    };

    private static bool SimplifyTerminator(IrFunction function, IrBlock block, IrInstruction terminator)
    {
        var operands = terminator.Operands;
        switch (terminator.Opcode)
        {
            case IrOpcode.CompareBranch when operands[0] is IrConstant && operands[1] is IrConstant:
                bool taken = terminator.Condition.Evaluate(((IrConstant)operands[0]).Value, ((IrConstant)operands[1]).Value, terminator.Size == 8);
                IrEdits.ReplaceWithJump(function, block, terminator.Targets[taken ? 0 : 1]);
                return true;
            case IrOpcode.CompareBranch when operands[0] is IrConstant:
                (operands[0], operands[1]) = (operands[1], operands[0]);
                terminator.Condition = terminator.Condition.Swap();
                return true;
            case IrOpcode.CompareBranch when operands[1] is IrConstant { Value: 0 } && operands[0] is IrInstruction { Opcode: IrOpcode.Compare } compare
                && terminator.Condition is IrCondition.NotEqual or IrCondition.Equal:
                terminator.Condition = terminator.Condition == IrCondition.NotEqual ? compare.Condition : compare.Condition.Negate();
                terminator.Size = compare.Size;
                operands[0] = compare.Operands[0];
                operands[1] = compare.Operands[1];
                return true;
            case IrOpcode.CompareBranch when terminator.Targets[0] == terminator.Targets[1]:
                IrEdits.ReplaceWithJump(function, block, terminator.Targets[0]);
                return true;
            case IrOpcode.Switch when operands[0] is IrConstant selector:
                int index = (ulong)(uint)selector.Value < (ulong)(terminator.Targets.Count - 1) ? (int)(uint)selector.Value : terminator.Targets.Count - 1;
                IrEdits.ReplaceWithJump(function, block, terminator.Targets[index]);
                return true;
        }
        return false;
    }
}

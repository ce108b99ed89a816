using EbpfSharp.Compiler.Analysis;
using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// A computation done again on the same operands reuses the result that dominates it: once loads of the same
/// bytes are one value (<see cref="LoadForwarding"/>), so are the byte swaps and shifts of it that the C# repeats
/// (<c>udp->Checksum != 0</c> and then <c>Replace16(udp->Checksum, …)</c>). Not across calls elsewhere
/// (<see cref="CallPlacement"/>); materialised constants are left to the register allocator.
/// </summary>
internal static class ComputationReuse
{
    private readonly record struct Key(IrOpcode Opcode, bool Wide, int Size, long Immediate, IrCondition Condition, object First, object? Second);

    public static bool Run(IrFunction function)
    {
        var dominators = Dominators.Compute(function);
        var calls = new CallPlacement(function);
        var seen = new Dictionary<Key, List<IrInstruction>>();
        var replacements = new Dictionary<IrValue, IrValue>();
        foreach (var block in BlockOrder.ReversePostorder(function))
            foreach (var instruction in block.Instructions)
            {
                if (!ConstantEvaluator.IsPure(instruction) || instruction.Opcode is IrOpcode.Materialize or IrOpcode.Copy || instruction.Operands.Count is 0 or > 2)
                    continue;
                var key = KeyOf(instruction, replacements);
                if (!seen.TryGetValue(key, out var earlier))
                    seen[key] = earlier = [];
                var reused = earlier.FirstOrDefault(candidate => (candidate.Block == block || dominators.Dominates(candidate.Block, block)) && calls.MayKeepAcross(candidate.Block, block));
                if (reused is null)
                    earlier.Add(instruction);
                else
                    replacements[instruction] = reused;
            }
        foreach (var instruction in replacements.Keys.Cast<IrInstruction>())
            instruction.Block.Instructions.Remove(instruction);
        IrEdits.ReplaceUses(function, replacements);
        return replacements.Count > 0;
    }

    private static Key KeyOf(IrInstruction instruction, Dictionary<IrValue, IrValue> replacements)
    {
        object Operand(IrValue value)
        {
            while (replacements.TryGetValue(value, out var replacement))
                value = replacement;
            return value is IrConstant constant ? (constant.Value, constant.Wide) : value;
        }
        var first = Operand(instruction.Operands[0]);
        object? second = instruction.Operands.Count > 1 ? Operand(instruction.Operands[1]) : null;
        // Operands of a commutative operation in one order.
        if (instruction.Opcode is IrOpcode.Add or IrOpcode.Mul or IrOpcode.And or IrOpcode.Or or IrOpcode.Xor
            && first is IrInstruction a && second is IrInstruction b && a.Id > b.Id)
            (first, second) = (second, first);
        return new Key(instruction.Opcode, instruction.Wide, instruction.Size, instruction.Immediate, instruction.Condition, first, second);
    }
}

using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Import;

// Branches on a bool that several returns of an inlined method set to constants (TryGet and friends).
internal sealed partial class MethodImporter
{
    /// <summary>
    /// When the current block holds nothing but phis and the branch tests a phi of constants, each
    /// predecessor already knows where the branch goes: it jumps there directly and the block disappears.
    /// <c>if (!ctx.TryGet(0, out EthernetHeader* eth)) return ...;</c> then costs one bounds check, not a
    /// materialised bool and a second test.
    /// </summary>
    private bool TryThreadBranch(IrValue condition, bool branchIfTrue, IlBlock target, IlBlock next)
    {
        var block = _block;
        // An unsealed block (a loop header whose back edges are still to come) may gain predecessors that would
        // then jump into the removed block, and its phis are incomplete.
        if (_stack.Count != 0 || block.Predecessors.Count == 0 || !Ssa.IsSealed(block)
            || block.Predecessors.Any(predecessor => predecessor.Terminator is not { Opcode: IrOpcode.Jump })
            || block.Instructions.Any(instruction => instruction.Opcode != IrOpcode.Phi && !Optimize.ConstantEvaluator.IsPure(instruction)))
            return false;
        var outcomes = new List<IrConstant>();
        for (int i = 0; i < block.Predecessors.Count; i++)
        {
            if (ValueFrom(condition, i) is not IrConstant outcome)
                return false;
            outcomes.Add(outcome);
        }
        // Everything the block computes must be known per predecessor, since the block goes away.
        for (int i = 0; i < block.Predecessors.Count; i++)
            if (block.Instructions.Any(instruction => ValueFrom(instruction, i) is IrInstruction same && same.Block == block))
                return false;

        Ssa.ForwardDefinitions(block, ValueFrom);
        var predecessors = block.Predecessors.ToList();
        for (int i = 0; i < predecessors.Count; i++)
        {
            var destination = (outcomes[i].Value != 0) == branchIfTrue ? target : next;
            predecessors[i].Terminator!.Targets[0] = destination.IrBlock;
            destination.IrBlock.Predecessors.Add(predecessors[i]);
        }
        block.Predecessors.Clear();
        block.Instructions.Clear();
        foreach (var arrived in new[] { target, next }.Distinct())
        {
            arrived.EntryStack ??= [];
            arrived.ArrivedEdges += arrived == target && arrived == next ? 2 : 1;
            if (arrived.ArrivedEdges == arrived.ExpectedEdges)
                Ssa.Seal(arrived.IrBlock);
        }
        // A branch ends the IL block; nothing more is imported into the bypassed block.
        _block = Function.NewBlock();
        return true;

        IrValue ValueFrom(IrValue value, int predecessor)
        {
            if (value is not IrInstruction instruction || instruction.Block != block)
                return value;
            if (instruction.Opcode == IrOpcode.Phi)
                return instruction.Operands[predecessor];
            var copy = Function.New(instruction.Opcode, instruction.Wide, [.. instruction.Operands.Select(operand => ValueFrom(operand, predecessor))]);
            copy.Size = instruction.Size;
            copy.Condition = instruction.Condition;
            return (IrValue?)Optimize.ConstantEvaluator.Evaluate(copy) ?? instruction;
        }
    }
}

using EbpfSharp.Compiler.Ir;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Compiler.Emit;

// Conditional jumps, compare results as 0/1, and switch as a compare chain or binary search.
internal sealed partial class FunctionEmitter
{
    private JumpCondition Jump(IrCondition condition, int size)
    {
        bool narrow = size == 4 && _isa >= IsaVersion.V3;
        return condition switch
        {
            IrCondition.Equal => narrow ? Jmp32.Eq : Jmp.Eq,
            IrCondition.NotEqual => narrow ? Jmp32.Ne : Jmp.Ne,
            IrCondition.LessUnsigned => narrow ? Jmp32.Lt : Jmp.Lt,
            IrCondition.LessOrEqualUnsigned => narrow ? Jmp32.Le : Jmp.Le,
            IrCondition.GreaterUnsigned => narrow ? Jmp32.Gt : Jmp.Gt,
            IrCondition.GreaterOrEqualUnsigned => narrow ? Jmp32.Ge : Jmp.Ge,
            IrCondition.Less => narrow ? Jmp32.SLt : Jmp.SLt,
            IrCondition.LessOrEqual => narrow ? Jmp32.SLe : Jmp.SLe,
            IrCondition.Greater => narrow ? Jmp32.SGt : Jmp.SGt,
            _ => narrow ? Jmp32.SGe : Jmp.SGe,
        };
    }

    private Instruction ConditionalJump(IrCondition condition, int size, IrValue left, IrValue right, string label) =>
        right is IrConstant constant
            ? Jump(condition, size).Imm(Reg(left), unchecked((int)constant.Value), label)
            : Jump(condition, size).Reg(Reg(left), Reg(right), label);

    private void CompareBranch(IrInstruction instruction, IrBlock? next)
    {
        var (taken, notTaken) = (instruction.Targets[0], instruction.Targets[1]);
        var (left, right) = (instruction.Operands[0], instruction.Operands[1]);
        if (taken == next)
        {
            Add(ConditionalJump(instruction.Condition.Negate(), instruction.Size, left, right, Label(notTaken)));
            return;
        }
        Add(ConditionalJump(instruction.Condition, instruction.Size, left, right, Label(taken)));
        if (notTaken != next)
            Add(Jmp.Ja(Label(notTaken)));
    }

    private void CompareValue(IrInstruction instruction)
    {
        var destination = Destination(instruction);
        var (left, right) = (instruction.Operands[0], instruction.Operands[1]);
        bool clobbers = Reg(left) == destination || (right is IrInstruction && Reg(right) == destination);
        string done = NewLabel();
        if (!clobbers)
        {
            Add(Alu32.Mov.Imm(destination, 1));
            Add(ConditionalJump(instruction.Condition, instruction.Size, left, right, done));
            Add(Alu32.Mov.Imm(destination, 0));
            _pendingLabels.Add(done);
            return;
        }
        string set = NewLabel();
        Add(ConditionalJump(instruction.Condition, instruction.Size, left, right, set));
        Add(Alu32.Mov.Imm(destination, 0));
        Add(Jmp.Ja(done));
        _pendingLabels.Add(set);
        Add(Alu32.Mov.Imm(destination, 1));
        _pendingLabels.Add(done);
    }

    private string NewLabel() => $"L{_internalLabels++}";

    private void Switch(IrInstruction instruction, IrBlock? next)
    {
        var selector = Reg(instruction.Operands[0]);
        var cases = instruction.Targets.Take(instruction.Targets.Count - 1).ToList();
        var fallback = instruction.Targets[^1];
        var equal = _isa >= IsaVersion.V3 ? Jmp32.Eq : Jmp.Eq;
        var atLeast = _isa >= IsaVersion.V3 ? Jmp32.Ge : Jmp.Ge;

        void Range(int low, int high)
        {
            if (high - low < 4)
            {
                for (int value = low; value <= high; value++)
                    Add(equal.Imm(selector, value, Label(cases[value])));
                Add(Jmp.Ja(Label(fallback)));
                return;
            }
            int middle = (low + high + 1) / 2;
            string upper = NewLabel();
            Add(atLeast.Imm(selector, middle, upper));
            Range(low, middle - 1);
            _pendingLabels.Add(upper);
            Range(middle, high);
        }

        if (cases.Count == 0)
        {
            if (fallback != next)
                Add(Jmp.Ja(Label(fallback)));
            return;
        }
        Range(0, cases.Count - 1);
    }
}

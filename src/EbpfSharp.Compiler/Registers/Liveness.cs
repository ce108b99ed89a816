using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Registers;

/// <summary>Which registers are live into and out of each block (backward data flow to a fixed point).</summary>
internal sealed class Liveness
{
    public Dictionary<IrBlock, HashSet<IrInstruction>> LiveIn { get; } = [];

    public Dictionary<IrBlock, HashSet<IrInstruction>> LiveOut { get; } = [];

    public static IEnumerable<IrInstruction> Uses(IrInstruction instruction) =>
        instruction.Operands.OfType<IrInstruction>();

    public static Liveness Compute(IrFunction function)
    {
        var liveness = new Liveness();
        var uses = new Dictionary<IrBlock, HashSet<IrInstruction>>();
        var defines = new Dictionary<IrBlock, HashSet<IrInstruction>>();
        foreach (var block in function.Blocks)
        {
            var used = new HashSet<IrInstruction>();
            var defined = new HashSet<IrInstruction>();
            foreach (var instruction in block.Instructions)
            {
                foreach (var operand in Uses(instruction))
                    if (!defined.Contains(operand))
                        used.Add(operand);
                if (instruction.Defines is { } register)
                    defined.Add(register);
            }
            uses[block] = used;
            defines[block] = defined;
            liveness.LiveIn[block] = [.. used];
            liveness.LiveOut[block] = [];
        }
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = function.Blocks.Count - 1; i >= 0; i--)
            {
                var block = function.Blocks[i];
                var liveOut = liveness.LiveOut[block];
                foreach (var successor in block.Successors)
                    foreach (var register in liveness.LiveIn[successor])
                        changed |= liveOut.Add(register);
                var liveIn = liveness.LiveIn[block];
                foreach (var register in liveOut)
                    if (!defines[block].Contains(register))
                        changed |= liveIn.Add(register);
            }
        }
        return liveness;
    }
}

using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Registers;

/// <summary>
/// Merges the two registers of a copy (<c>x = y</c>) into one when they never hold different values at the
/// same time, then drops the copy: phi elimination's temporaries and their phis, a loop variable and its next
/// value, a parameter and the register it is copied to. Interference is Chaitin's: x and y interfere when one
/// is live just after a definition of the other, except at a copy between them. Liveness is exact per
/// instruction (from block liveness), so holes count, unlike the allocator's single-range intervals.
/// </summary>
internal static class CopyCoalescing
{
    public static void Run(IrFunction function)
    {
        var interference = Interference(function);
        var representative = new Dictionary<IrInstruction, IrInstruction>();
        IrInstruction Find(IrInstruction register)
        {
            while (representative.TryGetValue(register, out var parent))
                register = parent;
            return register;
        }
        HashSet<IrInstruction> Neighbours(IrInstruction register) =>
            interference.TryGetValue(register, out var set) ? set : interference[register] = [];

        var definitions = function.AllInstructions
            .Where(instruction => instruction.Defines is not null)
            .GroupBy(instruction => instruction.Defines!)
            .ToDictionary(group => group.Key, group => group.ToList());
        bool IsParameter(IrInstruction register) =>
            definitions.TryGetValue(register, out var defs) && defs.Any(definition => definition.Opcode == IrOpcode.Parameter);

        bool merged = false;
        foreach (var copy in function.AllInstructions.Where(instruction => instruction.Opcode == IrOpcode.Copy).ToList())
        {
            if (copy.Defines is not { } defined || copy.Operands[0] is not IrInstruction source)
                continue;
            var (x, y) = (Find(defined), Find(source));
            if (x == y || Neighbours(x).Contains(y))
                continue;
            // A copy narrows nothing (truncation is a zero-extension), but keep a 64-bit value out of a 32-bit register.
            if (source.Wide && !defined.Wide)
                continue;
            // Arguments are all moved out of R1–R5 at once on entry: keep two of them apart.
            if (IsParameter(x) && IsParameter(y))
                continue;
            representative[y] = x;
            foreach (var neighbour in Neighbours(y))
            {
                var other = Find(neighbour);
                Neighbours(x).Add(other);
                Neighbours(other).Add(x);
            }
            if (definitions.Remove(y, out var moved))
                (definitions.TryGetValue(x, out var existing) ? existing : definitions[x] = []).AddRange(moved);
            merged = true;
        }
        if (!merged)
            return;

        foreach (var block in function.Blocks)
        {
            foreach (var instruction in block.Instructions)
            {
                for (int i = 0; i < instruction.Operands.Count; i++)
                    if (instruction.Operands[i] is IrInstruction operand && representative.ContainsKey(operand))
                        instruction.Operands[i] = Find(operand);
                if (instruction.Defines is { } register && representative.ContainsKey(register))
                    instruction.Destination = Find(register);
            }
            block.Instructions.RemoveAll(instruction =>
                instruction.Opcode == IrOpcode.Copy && instruction.Operands[0] == instruction.Defines);
        }
    }

    /// <summary>For each register, the registers live just after one of its definitions (and symmetrically).</summary>
    private static Dictionary<IrInstruction, HashSet<IrInstruction>> Interference(IrFunction function)
    {
        var liveness = Liveness.Compute(function);
        var graph = new Dictionary<IrInstruction, HashSet<IrInstruction>>();
        void Edge(IrInstruction a, IrInstruction b)
        {
            if (a == b)
                return;
            (graph.TryGetValue(a, out var set) ? set : graph[a] = []).Add(b);
            (graph.TryGetValue(b, out var other) ? other : graph[b] = []).Add(a);
        }
        // Entry parameters are defined together, before anything else.
        var parameters = function.Entry.Instructions.Where(instruction => instruction.Opcode == IrOpcode.Parameter && instruction.Defines is not null)
            .Select(instruction => instruction.Defines!).ToList();
        foreach (var a in parameters)
            foreach (var b in parameters)
                Edge(a, b);
        foreach (var block in function.Blocks)
        {
            var live = new HashSet<IrInstruction>(liveness.LiveOut[block]);
            for (int i = block.Instructions.Count - 1; i >= 0; i--)
            {
                var instruction = block.Instructions[i];
                if (instruction.Defines is { } defined)
                {
                    var except = instruction.Opcode == IrOpcode.Copy ? instruction.Operands[0] : null;
                    foreach (var register in live)
                        if (register != except)
                            Edge(defined, register);
                    live.Remove(defined);
                }
                foreach (var operand in Liveness.Uses(instruction))
                    live.Add(operand);
            }
        }
        return graph;
    }
}

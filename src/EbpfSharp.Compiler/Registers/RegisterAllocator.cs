using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Compiler.Registers;

/// <summary>
/// Linear-scan register allocation (Poletto and Sarkar) over the blocks in layout order. R0 is kept as the
/// emitter's scratch and call-result register; R1–R5 hold values that do not live across a call, R6–R9
/// those that do. When registers run out, the value that lives longest is spilled to an 8-byte stack slot
/// (the verifier tracks 8-byte spills of pointers and scalars exactly), reloads and stores are inserted,
/// and allocation runs again.
/// </summary>
internal static class RegisterAllocator
{
    private static readonly Register[] CallerSaved = [Register.R1, Register.R2, Register.R3, Register.R4, Register.R5];
    private static readonly Register[] CalleeSaved = [Register.R6, Register.R7, Register.R8, Register.R9];

    public static Dictionary<IrInstruction, Register> Allocate(IrFunction function)
    {
        CopyCoalescing.Run(function);
        var unspillable = new HashSet<IrInstruction>();
        for (int round = 0; round < 16; round++)
        {
            var intervals = BuildIntervals(function, unspillable);
            var (assignment, spilled) = Scan(intervals);
            if (spilled.Count == 0)
                return assignment;
            SpillRewriter.Rewrite(function, spilled, unspillable);
        }
        throw new CompileErrorException(CompilerDiagnosticIds.InternalError, $"Register allocation for '{function.Name}' did not converge; simplify the expression or split the method.");
    }

    private static List<LiveInterval> BuildIntervals(IrFunction function, HashSet<IrInstruction> unspillable)
    {
        var liveness = Liveness.Compute(function);
        var intervals = new Dictionary<IrInstruction, LiveInterval>();
        LiveInterval Of(IrInstruction register)
        {
            if (!intervals.TryGetValue(register, out var interval))
                intervals[register] = interval = new LiveInterval(register) { Unspillable = unspillable.Contains(register) };
            return interval;
        }
        var calls = new List<int>();
        int position = 0;
        foreach (var block in function.Blocks)
        {
            int blockStart = position;
            foreach (var instruction in block.Instructions)
            {
                foreach (var operand in Liveness.Uses(instruction))
                    Of(operand).Extend(position);
                if (instruction.Defines is { } register)
                {
                    var interval = Of(register);
                    interval.Extend(position + 1);
                    if (instruction.Opcode == IrOpcode.Parameter)
                    {
                        // All arguments are moved out of R1–R5 together at entry (one parallel move).
                        interval.Extend(0);
                        interval.Hint = (Register)(instruction.Immediate + 1);
                    }
                }
                if (instruction.IsCall)
                    calls.Add(position);
                position += 2;
            }
            int blockEnd = position - 2;
            foreach (var register in liveness.LiveIn[block])
                Of(register).Extend(blockStart);
            foreach (var register in liveness.LiveOut[block])
                Of(register).Extend(blockEnd + 1);
        }
        foreach (var interval in intervals.Values)
            interval.CrossesCall = calls.Any(call => interval.Start < call && interval.End > call);
        return [.. intervals.Values.OrderBy(interval => interval.Start).ThenBy(interval => interval.Register.Id)];
    }

    private static (Dictionary<IrInstruction, Register>, List<IrInstruction>) Scan(List<LiveInterval> intervals)
    {
        var assignment = new Dictionary<IrInstruction, Register>();
        var spilled = new List<IrInstruction>();
        var active = new List<LiveInterval>();
        foreach (var current in intervals)
        {
            active.RemoveAll(interval => interval.End < current.Start);
            var allowed = current.CrossesCall ? CalleeSaved : [.. CallerSaved, .. CalleeSaved];
            var busy = active.Select(interval => assignment[interval.Register]).ToHashSet();
            var hint = current.Hint ?? HintFromDefinition(current.Register, assignment);
            var free = allowed.Where(register => !busy.Contains(register)).ToList();
            var avoid = Clobbered(current.Register, assignment);
            Register? chosen = hint is { } preferred && free.Contains(preferred)
                ? preferred
                : free.Where(register => !avoid.Contains(register)).Concat(free).Select(register => (Register?)register).FirstOrDefault();
            if (chosen is null)
            {
                var victim = active.Where(interval => !interval.Unspillable && allowed.Contains(assignment[interval.Register]))
                    .OrderByDescending(interval => interval.End).FirstOrDefault();
                if (victim is null || (!current.Unspillable && victim.End <= current.End))
                {
                    if (current.Unspillable)
                        throw new CompileErrorException(CompilerDiagnosticIds.InternalError, "Too many values are live at once for eBPF's registers; split the expression into statements.");
                    spilled.Add(current.Register);
                    continue;
                }
                chosen = assignment[victim.Register];
                active.Remove(victim);
                assignment.Remove(victim.Register);
                spilled.Add(victim.Register);
            }
            assignment[current.Register] = chosen.Value;
            active.Add(current);
        }
        return (assignment, spilled);
    }

    /// <summary>
    /// Registers the result had better not share with an operand: a non-commutative two-address operation whose
    /// result lands in its right operand's register goes through R0 (three instructions), and a compare that
    /// overwrites an operand needs a jump more.
    /// </summary>
    private static IEnumerable<Register> Clobbered(IrInstruction register, Dictionary<IrInstruction, Register> assignment)
    {
        if (register.Destination is not null || !register.HasResult)
            return [];
        var operands = register.Opcode switch
        {
            IrOpcode.Sub or IrOpcode.DivUnsigned or IrOpcode.RemUnsigned or IrOpcode.DivSigned or IrOpcode.RemSigned
                or IrOpcode.ShiftLeft or IrOpcode.ShiftRightUnsigned or IrOpcode.ShiftRightSigned => register.Operands.Skip(1),
            IrOpcode.Compare => register.Operands,
            _ => [],
        };
        return [.. operands.OfType<IrInstruction>().Where(assignment.ContainsKey).Select(operand => assignment[operand])];
    }

    /// <summary>A copy or two-address operation is free when its result shares its first operand's register.</summary>
    private static Register? HintFromDefinition(IrInstruction register, Dictionary<IrInstruction, Register> assignment)
    {
        var definition = register.Opcode is IrOpcode.Copy && register.Block is not null ? register : null;
        definition ??= register.HasResult ? register : null;
        if (definition is null || definition.Operands.Count == 0 || definition.Opcode is IrOpcode.Load or IrOpcode.Phi)
            return null;
        return definition.Operands[0] is IrInstruction source && assignment.TryGetValue(source, out var reg) ? reg : null;
    }
}

using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Compiler.Registers;

/// <summary>
/// Linear-scan register allocation (Poletto and Sarkar) over the blocks in layout order. R1–R5 hold values that
/// do not live across a call, R6–R9 those that do; R0 (the call result and the emitter's scratch) holds a value
/// when nothing writes R0 while it lives. Call arguments prefer their argument register, call results and
/// returned values R0. When registers run out, the value that lives longest is spilled to an 8-byte stack slot
/// (the verifier tracks 8-byte spills of pointers and scalars exactly), reloads and stores are inserted, and
/// allocation runs again.
/// </summary>
internal static class RegisterAllocator
{
    private static readonly Register[] CallerSaved = [Register.R1, Register.R2, Register.R3, Register.R4, Register.R5];
    private static readonly Register[] CalleeSaved = [Register.R6, Register.R7, Register.R8, Register.R9];

    public static Dictionary<IrInstruction, Register> Allocate(IrFunction function)
    {
        MapAddressRematerialisation.Run(function);
        AtomicOperandRegisters.Run(function);
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
        var constraints = CallConstraints.Compute(function, liveness);
        var intervals = new Dictionary<IrInstruction, LiveInterval>();
        LiveInterval Of(IrInstruction register)
        {
            if (!intervals.TryGetValue(register, out var interval))
                intervals[register] = interval = new LiveInterval(register) { Unspillable = unspillable.Contains(register) };
            return interval;
        }
        var twoAddress = new List<(IrInstruction First, IrInstruction Result, int Position)>();
        int position = 0;
        foreach (var block in function.Blocks)
        {
            // Where each register is live in this block, as the lowest and highest position.
            var local = new Dictionary<IrInstruction, (int Start, int End)>();
            void Touch(IrInstruction register, int at) =>
                local[register] = local.TryGetValue(register, out var range) ? (Math.Min(range.Start, at), Math.Max(range.End, at)) : (at, at);
            int blockStart = position;
            foreach (var instruction in block.Instructions)
            {
                foreach (var operand in Liveness.Uses(instruction))
                    Touch(operand, position);
                if (instruction.Defines is { } register)
                {
                    Touch(register, position + 1);
                    var interval = Of(register);
                    interval.DefinedAt = position;
                    if (instruction.Opcode == IrOpcode.Parameter)
                    {
                        // All arguments are moved out of R1–R5 together at entry (one parallel move).
                        Touch(register, 0);
                        interval.Hints.Add((Register)(instruction.Immediate + 1));
                    }
                    else if (instruction.IsCall || instruction.Opcode == IrOpcode.Atomic)
                    {
                        interval.Hints.Add(Register.R0);
                    }
                }
                if (TwoAddress(instruction) && instruction.Operands[0] is IrInstruction first && instruction.Defines is { } result)
                    twoAddress.Add((first, result, position));
                if (instruction.IsCall)
                    for (int i = 0; i < instruction.Operands.Count; i++)
                        if (instruction.Operands[i] is IrInstruction argument)
                            Of(argument).Hints.Add((Register)(i + 1));
                if (instruction.Opcode == IrOpcode.Return && instruction.Operands is [IrInstruction returned])
                    Of(returned).Hints.Add(Register.R0);
                position += 2;
            }
            int blockEnd = position - 2;
            foreach (var register in liveness.LiveIn[block])
                Touch(register, blockStart);
            foreach (var register in liveness.LiveOut[block])
                Touch(register, blockEnd + 1);
            foreach (var (register, range) in local)
                Of(register).Add(range.Start, range.End);
        }
        foreach (var (first, result, at) in twoAddress)
            if (intervals[first].End == at && first != result)
                intervals[first].Successor ??= intervals[result];
        foreach (var interval in intervals.Values)
        {
            interval.CrossesCall = constraints.AcrossCall.Contains(interval.Register);
            interval.AllowsR0 = !constraints.NotInR0.Contains(interval.Register);
        }
        return [.. intervals.Values.OrderBy(interval => interval.Start).ThenBy(interval => interval.Register.Id)];
    }

    private static (Dictionary<IrInstruction, Register>, List<IrInstruction>) Scan(List<LiveInterval> intervals)
    {
        var assignment = new Dictionary<IrInstruction, Register>();
        var spilled = new List<IrInstruction>();
        var holders = new Dictionary<Register, List<LiveInterval>>();
        List<LiveInterval> Holders(Register register) => holders.TryGetValue(register, out var list) ? list : holders[register] = [];
        foreach (var current in intervals)
        {
            Register[] allowed = current.CrossesCall ? CalleeSaved
                : current.AllowsR0 ? [.. CallerSaved, .. CalleeSaved, Register.R0]
                : [.. CallerSaved, .. CalleeSaved];
            List<LiveInterval> Conflicts(Register register) => [.. Holders(register).Where(current.Overlaps)];
            var free = allowed.Where(register => Conflicts(register).Count == 0).ToList();
            if (ThroughScratch(current, assignment, Holders(Register.R0)) is { } needsScratch)
                free.Remove(needsScratch);
            var avoid = Clobbered(current.Register, assignment);
            // Own hints, then the two-address result's (it takes this register when this value dies into it), then the first operand's register.
            var successorHints = current.Successor?.Hints.Where(register => SuitsSuccessor(current, register, assignment, holders)) ?? [];
            var hints = current.Hints.Concat(successorHints).Select(register => (Register?)register).Append(HintFromDefinition(current.Register, assignment));
            Register? chosen = hints.FirstOrDefault(hint => hint is { } register && free.Contains(register) && !avoid.Contains(register))
                ?? free.Where(register => !avoid.Contains(register) && SuitsSuccessor(current, register, assignment, holders))
                    .Concat(free.Where(register => !avoid.Contains(register))).Concat(free).Select(register => (Register?)register).FirstOrDefault();
            if (chosen is null)
            {
                // Free the register whose conflicting values all live longest, or spill the current value.
                var victims = allowed.Select(register => (Register: register, Values: Conflicts(register)))
                    .Where(candidate => candidate.Values.All(interval => !interval.Unspillable))
                    .OrderByDescending(candidate => candidate.Values.Min(interval => interval.End)).FirstOrDefault();
                if (victims.Values is null || (!current.Unspillable && victims.Values.Min(interval => interval.End) <= current.End))
                {
                    if (current.Unspillable)
                        throw new CompileErrorException(CompilerDiagnosticIds.InternalError, "Too many values are live at once for eBPF's registers; split the expression into statements.");
                    spilled.Add(current.Register);
                    continue;
                }
                chosen = victims.Register;
                foreach (var victim in victims.Values)
                {
                    Holders(chosen.Value).Remove(victim);
                    assignment.Remove(victim.Register);
                    spilled.Add(victim.Register);
                }
            }
            assignment[current.Register] = chosen.Value;
            Holders(chosen.Value).Add(current);
        }
        return (assignment, spilled);
    }

    /// <summary>
    /// Whether the two-address result that the value dies into could take the same register (so needs no move
    /// first): its register if it has one, else allowed for it and not held by anything overlapping it so far.
    /// </summary>
    private static bool SuitsSuccessor(LiveInterval current, Register register, Dictionary<IrInstruction, Register> assignment, Dictionary<Register, List<LiveInterval>> holders)
    {
        if (current.Successor is not { } successor)
            return true;
        if (assignment.TryGetValue(successor.Register, out var taken))
            return register == taken;
        bool allowed = successor.CrossesCall ? CalleeSaved.Contains(register) : register != Register.R0 || successor.AllowsR0;
        return allowed && !(holders.TryGetValue(register, out var held) && held.Any(successor.Overlaps));
    }

    /// <summary>
    /// The register a non-commutative two-address result may not take because the emitter would then compute it in
    /// R0 (<c>r0 = left; r0 -= right; right = r0</c>) while R0 holds a live value or the right operand itself.
    /// </summary>
    private static Register? ThroughScratch(LiveInterval current, Dictionary<IrInstruction, Register> assignment, List<LiveInterval> inR0)
    {
        var definition = current.Register;
        if (definition.Destination is not null || !definition.HasResult || !NonCommutative(definition)
            || definition.Operands[1] is not IrInstruction right || !assignment.TryGetValue(right, out var register))
            return null;
        // Values later in the scan start after the definition, so only those already in R0 can be live across it.
        int at = current.DefinedAt;
        bool scratchFree = register != Register.R0 && current.Start == at + 1 && !inR0.Any(interval => interval.Covers(at) || interval.Covers(at + 1));
        return scratchFree ? null : register;
    }

    private static bool NonCommutative(IrInstruction instruction) => instruction.Opcode is IrOpcode.Sub or IrOpcode.DivUnsigned
        or IrOpcode.RemUnsigned or IrOpcode.DivSigned or IrOpcode.RemSigned or IrOpcode.ShiftLeft or IrOpcode.ShiftRightUnsigned or IrOpcode.ShiftRightSigned;

    /// <summary>Instructions emitted as a move of their first operand into the result, then an update in place.</summary>
    private static bool TwoAddress(IrInstruction instruction) => instruction.Opcode is IrOpcode.Copy or (>= IrOpcode.Add and <= IrOpcode.ShiftRightSigned)
        or IrOpcode.Negate or IrOpcode.Not or IrOpcode.ByteSwap or IrOpcode.ZeroExtend or IrOpcode.SignExtend;

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
            IrOpcode.Compare => register.Operands,
            _ when NonCommutative(register) => register.Operands.Skip(1),
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

using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Analysis;

/// <summary>
/// Checks how a tracing program uses its read-only context (a probe's <c>PtRegs*</c>, a tracepoint's record
/// pointer) once the optimiser has folded constant offsets into loads: the verifier accepts only reads at constant
/// offsets from the unmodified context ("dereference of modified ctx ptr"), and no writes. Reports the C# line
/// instead of a verifier log.
/// </summary>
internal static class ContextAccessCheck
{
    private enum Derivation
    {
        None,
        Constant,
        Variable,
    }

    public static void Run(IrFunction function, ProgramShape program, SourceLocation? fallback)
    {
        if (!program.ReadOnlyContext)
            return;
        var context = function.Entry.Instructions.FirstOrDefault(instruction => instruction is { Opcode: IrOpcode.Parameter, Immediate: 0 });
        if (context is null)
            return;
        var known = new Dictionary<IrValue, Derivation>();
        string what = program.Kind == ProgramKind.Tracepoint ? "the tracepoint's record" : "the probe's registers (PtRegs*)";
        foreach (var instruction in function.AllInstructions)
        {
            if (instruction.Opcode is IrOpcode.Store or IrOpcode.Atomic && Derive(instruction.Operands[0], context, known, []) != Derivation.None)
                throw new CompileErrorException(CompilerDiagnosticIds.ContextWrite,
                    $"The program writes to {what}, which the kernel lets programs only read. Copy what you need into a local or a map value and change the copy.",
                    instruction.Location ?? fallback);
            if (instruction.Opcode == IrOpcode.Load && Derive(instruction.Operands[0], context, known, []) == Derivation.Variable)
                throw new CompileErrorException(CompilerDiagnosticIds.ContextVariableOffset,
                    $"The program reads {what} at an offset that is not a constant (an index or a moved pointer); the verifier accepts only reads at fixed offsets from the context. Read fixed fields, or copy a variable part out with Bpf.ProbeReadKernel first.",
                    instruction.Location ?? fallback);
        }
    }

    /// <summary>Whether a value is the context plus a constant, the context plus something else, or unrelated to it.</summary>
    private static Derivation Derive(IrValue value, IrInstruction context, Dictionary<IrValue, Derivation> known, HashSet<IrValue> visiting)
    {
        if (value == context)
            return Derivation.Constant;
        if (value is not IrInstruction instruction)
            return Derivation.None;
        if (known.TryGetValue(value, out var cached))
            return cached;
        if (!visiting.Add(value))
            return Derivation.None;
        Derivation result;
        switch (instruction.Opcode)
        {
            case IrOpcode.Copy:
                result = Derive(instruction.Operands[0], context, known, visiting);
                break;
            case IrOpcode.Add or IrOpcode.Sub:
                var left = Derive(instruction.Operands[0], context, known, visiting);
                var right = instruction.Opcode == IrOpcode.Add ? Derive(instruction.Operands[1], context, known, visiting) : Derivation.None;
                var derived = left != Derivation.None ? left : right;
                var other = left != Derivation.None ? instruction.Operands[1] : instruction.Operands[0];
                result = derived == Derivation.None ? Derivation.None
                    : derived == Derivation.Constant && other is IrConstant ? Derivation.Constant
                    : Derivation.Variable;
                break;
            case IrOpcode.Phi:
                var operands = instruction.Operands.Select(operand => Derive(operand, context, known, visiting)).ToList();
                result = operands.All(operand => operand == Derivation.None) ? Derivation.None
                    : instruction.Operands.Distinct().Count() == 1 ? operands[0]
                    : Derivation.Variable;
                break;
            default:
                result = Derivation.None;
                break;
        }
        visiting.Remove(value);
        known[value] = result;
        return result;
    }
}

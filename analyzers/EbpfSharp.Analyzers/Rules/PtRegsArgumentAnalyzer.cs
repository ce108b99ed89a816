using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0024: <c>regs-&gt;Arg(n)</c> whose index is not a constant, or a constant outside the argument registers of the
/// target architecture (0–5 on x86-64, 0–7 on arm64; the build's <c>EbpfSharpTargetArchitecture</c>, by default the
/// machine's). Each argument is a different register, a different offset in <c>struct pt_regs</c>, so the compiler
/// needs the index (EBPF1020, EBPF1021). An index that may still fold to a constant when the compiler inlines or
/// propagates it (a parameter of a method that is not the program, a local assigned only constants) is left alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PtRegsArgumentAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.PtRegsArgument,
        "PtRegs.Arg index is not a constant argument register",
        "'{0}' {1}");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ProgramCode.RegisterOperations(context, (operationContext, _, method) =>
        {
            var invocation = (IInvocationOperation)operationContext.Operation;
            if (invocation.TargetMethod is not { Name: "Arg", Parameters.Length: 1 } target || !Tracing.IsPtRegs(target.ContainingType)
                || invocation.Arguments.FirstOrDefault()?.Value is not { } index)
                return;
            var architecture = Tracing.Architecture(operationContext.Options);
            int max = Tracing.MaxProbeArguments(architecture);
            string? problem;
            if (index.ConstantValue is { HasValue: true, Value: int n })
                problem = n >= 0 && n < max ? null
                    : $"reads past the argument registers: on {Tracing.Name(architecture)} a probe sees arguments 0 to {max - 1} ({Tracing.ArgumentRegisters(architecture)}). Later arguments are on the stack: read them with Bpf.ProbeReadUser/ProbeReadKernel from regs->StackPointer.";
            else
                problem = MayFold(index, method)
                    ? null
                    : $"is called with an index that is not a constant; each argument is a different register, so the index must be known when compiling. Write regs->Arg(0) to regs->Arg({max - 1}), or declare the arguments as typed parameters of the program.";
            if (problem is not null)
                operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), Text.Shorten(invocation.Syntax.ToString()), problem));
        }, OperationKind.Invocation);
    }

    /// <summary>Whether the compiler may still see a constant: a parameter of an inlined helper, or a local only ever assigned constants.</summary>
    private static bool MayFold(IOperation index, IMethodSymbol method)
    {
        index = Tracing.StripConversions(index);
        if (index is IParameterReferenceOperation)
            return ProgramReachability.ProgramAttributeOf(method) is null;
        if (index is not ILocalReferenceOperation local)
            return false;
        var root = index;
        while (root.Parent is not null)
            root = root.Parent;
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local):
                    if (declarator.GetVariableInitializer() is { Value.ConstantValue.HasValue: false })
                        return false;
                    break;
                case IAssignmentOperation assignment when IsLocal(assignment.Target, local.Local):
                    if (assignment is not ISimpleAssignmentOperation || !assignment.Value.ConstantValue.HasValue)
                        return false;
                    break;
                case IIncrementOrDecrementOperation increment when IsLocal(increment.Target, local.Local):
                    return false;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when IsLocal(argument.Value, local.Local):
                    return false;
                case IAddressOfOperation address when IsLocal(address.Reference, local.Local):
                    return false;
            }
        }
        return true;
    }

    private static bool IsLocal(IOperation operation, ILocalSymbol local) =>
        operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
}

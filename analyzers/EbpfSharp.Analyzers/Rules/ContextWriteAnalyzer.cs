using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0025: a kprobe, kretprobe, uprobe, uretprobe or tracepoint program writes through its context parameter (the
/// leading <c>PtRegs* regs</c>, or the tracepoint's record pointer): <c>args-&gt;Id = 0</c>, <c>*regs = default</c>,
/// <c>((ulong*)regs)[1] = 0</c>. The kernel lets these programs only read their context (kprobe_prog_is_valid_access
/// and tp_prog_is_valid_access refuse writes); the compiler reports EBPF1022. Only writes through the parameter
/// itself, in the program method, where the parameter is never reassigned, are reported (the compiler follows copies).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContextWriteAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.ContextWrite,
        "Program writes its read-only context",
        "'{0}' writes to {1} '{2}', which the kernel lets {3} programs only read; the verifier rejects the program. Copy what you need into a local or a map value and change the copy.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ProgramCode.RegisterOperations(context, (operationContext, _, method) =>
        {
            if (ProgramReachability.ProgramAttributeOf(method) is not { } attribute || ContextParameter(method, Tracing.KindOf(attribute)) is not { } context)
                return;
            var kind = Tracing.KindOf(attribute);
            foreach (var target in Tracing.WrittenLocations(operationContext.Operation))
            {
                var (_, pointer) = Tracing.Location(target);
                if (pointer is null || Tracing.StripConversions(pointer) is not IParameterReferenceOperation reference
                    || !SymbolEqualityComparer.Default.Equals(reference.Parameter, context) || IsReassigned(operationContext.Operation, context))
                    continue;
                string what = kind == ProgramKind.Tracepoint ? "the tracepoint's record" : "the probe's registers";
                operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, target.Syntax.GetLocation(),
                    Text.Shorten(target.Syntax.ToString()), what, context.Name, KindName(kind)));
            }
        }, Tracing.WriteKinds);
    }

    /// <summary>The parameter that is the context pointer: a probe's leading PtRegs*, a tracepoint's record pointer.</summary>
    private static IParameterSymbol? ContextParameter(IMethodSymbol program, ProgramKind kind)
    {
        if (program.Parameters.FirstOrDefault() is not { RefKind: RefKind.None } first)
            return null;
        if (Tracing.IsProbe(kind))
            return Tracing.IsPtRegsPointer(first.Type) ? first : null;
        return kind == ProgramKind.Tracepoint && program.Parameters.Length == 1 && first.Type is IPointerTypeSymbol ? first : null;
    }

    private static string KindName(ProgramKind kind) => kind switch
    {
        ProgramKind.Kprobe => "kprobe",
        ProgramKind.Kretprobe => "kretprobe",
        ProgramKind.Uprobe => "uprobe",
        ProgramKind.Uretprobe => "uretprobe",
        _ => "tracepoint",
    };

    /// <summary>Whether the method body assigns the parameter, or takes its address or a reference to it.</summary>
    private static bool IsReassigned(IOperation operation, IParameterSymbol parameter)
    {
        var root = operation;
        while (root.Parent is not null)
            root = root.Parent;
        return root.Descendants().Any(descendant => descendant switch
        {
            IAssignmentOperation assignment => IsParameter(assignment.Target, parameter),
            IIncrementOrDecrementOperation increment => IsParameter(increment.Target, parameter),
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => IsParameter(argument.Value, parameter),
            IAddressOfOperation address => IsParameter(address.Reference, parameter),
            _ => false,
        });
    }

    private static bool IsParameter(IOperation operation, IParameterSymbol parameter) =>
        operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
}

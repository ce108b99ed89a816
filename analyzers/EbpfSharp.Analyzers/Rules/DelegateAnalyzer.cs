using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0007: a delegate, lambda or function pointer in code compiled to eBPF: a lambda or anonymous method, a method
/// group converted to a delegate, <c>&amp;Method</c>, or a call through a delegate or function pointer. eBPF calls
/// only known functions (EBPF1012, EBPF1007). Local functions are fine: they are called directly.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DelegateAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.Delegate,
        "Delegate or lambda in a program",
        "'{0}' {1}; eBPF calls only known functions. Call the method directly (a local function or a static method).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        Register(context);
    }

    private static void Register(AnalysisContext context) =>
        ProgramCode.RegisterOperations(context, (operationContext, _, _) =>
        {
            var operation = operationContext.Operation;
            string? what = operation switch
            {
                IDelegateCreationOperation { Target: IAnonymousFunctionOperation } => "creates a lambda (a delegate)",
                IDelegateCreationOperation => "creates a delegate",
                IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } => "calls through a delegate",
                IFunctionPointerInvocationOperation => "calls through a function pointer",
                IAddressOfOperation { Reference: IMethodReferenceOperation } => "takes a function pointer",
                _ => null,
            };
            if (what is not null)
                operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Syntax.GetLocation(), Text.Shorten(operation.Syntax.ToString()), what));
        }, OperationKind.DelegateCreation, OperationKind.Invocation, OperationKind.FunctionPointerInvocation, OperationKind.AddressOf);
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0010: <c>dynamic</c> in code compiled to eBPF. Every dynamic operation is a call into the C# runtime binder
/// with boxed objects and delegates, none of which exists in the kernel.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DynamicAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.Dynamic,
        "dynamic in a program",
        "'{0}' is {1}; dynamic operations run in the C# runtime binder, which eBPF programs cannot call. Use static types.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        Register(context);
    }

    private static void Register(AnalysisContext context) =>
        TypedConstructs.Register(context, Descriptor, type => type?.TypeKind == TypeKind.Dynamic);
}

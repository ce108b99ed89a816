using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0009: <c>float</c>, <c>double</c> or <c>decimal</c> in code compiled to eBPF: locals, parameters, results,
/// literals, arithmetic, conversions. eBPF has no floating-point instructions (EBPF1005). Constants C# folds to an
/// integer (<c>(int)(1.5 * 4)</c>) and <c>const</c> locals never reach the IL and are fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FloatingPointAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.FloatingPoint,
        "Floating point in a program",
        "'{0}' is a {1}; eBPF has no floating point. Use integers (for example, fixed-point with a scale factor).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        Register(context);
    }

    private static void Register(AnalysisContext context) =>
        TypedConstructs.Register(context, Descriptor, ProgramCode.IsFloatingPoint);
}

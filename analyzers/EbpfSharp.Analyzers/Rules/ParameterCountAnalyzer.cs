using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0021: a method that must be a BPF-to-BPF call takes more than 5 arguments (counting <c>this</c>). eBPF passes
/// arguments in R1–R5 only. The compiler inlines calls, so this applies to the methods it cannot inline: those marked
/// <c>[MethodImpl(MethodImplOptions.NoInlining)]</c> (EBPF1009). A long method with more parameters is inlined instead.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParameterCountAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.TooManyParameters,
        "More than 5 parameters",
        "'{0}' is marked NoInlining, so it is a BPF-to-BPF call, but it takes {1} arguments{2}; eBPF passes at most 5, in R1–R5. Group arguments in a struct passed by reference, or let the compiler inline the method.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        Register(context);
    }

    private static void Register(AnalysisContext context) =>
        ProgramCode.RegisterMethods(context, reached =>
        {
            var method = reached.Method;
            int count = method.Parameters.Length + (method.IsStatic ? 0 : 1);
            if (count <= 5 || (method.MethodImplementationFlags & MethodImplAttributes.NoInlining) == 0)
                return;
            var parameters = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(reached.CancellationToken) switch
            {
                BaseMethodDeclarationSyntax declaration => declaration.ParameterList,
                LocalFunctionStatementSyntax function => function.ParameterList,
                _ => null,
            };
            if (parameters is not null)
                reached.Report(Diagnostic.Create(Descriptor, parameters.GetLocation(), method.Name, count, method.IsStatic ? "" : " (with 'this')"));
        });
}

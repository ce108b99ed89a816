using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0008: an <c>async</c> method or an iterator (<c>yield</c>) compiled to eBPF. C# turns both into a state machine
/// class with exception handling; an eBPF program runs to completion in one call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncIteratorAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.AsyncOrIterator,
        "async or iterator method in a program",
        "'{0}' is {1}, which C# compiles to a state machine class; an eBPF program runs to completion in one call. Make it a plain method that returns its result.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ProgramCode.RegisterMethods(context, reached =>
        {
            if (!reached.Method.IsAsync)
                return;
            foreach (var reference in reached.Method.DeclaringSyntaxReferences)
            {
                var modifiers = reference.GetSyntax(reached.CancellationToken) switch
                {
                    MethodDeclarationSyntax method => method.Modifiers,
                    LocalFunctionStatementSyntax function => function.Modifiers,
                    _ => default,
                };
                var token = modifiers.FirstOrDefault(modifier => modifier.IsKind(SyntaxKind.AsyncKeyword));
                if (token.IsKind(SyntaxKind.AsyncKeyword))
                    reached.Report(Diagnostic.Create(Descriptor, token.GetLocation(), reached.Method.Name, "async"));
            }
        });
        ProgramCode.RegisterOperations(context, (operationContext, _, method) =>
        {
            if (operationContext.Operation is IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak } yield)
                operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, yield.Syntax.GetLocation(), method.Name, "an iterator ('yield')"));
        }, OperationKind.YieldReturn, OperationKind.YieldBreak);
    }
}

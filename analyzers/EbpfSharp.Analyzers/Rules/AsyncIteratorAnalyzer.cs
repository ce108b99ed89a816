using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

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
            foreach (var reference in reached.Method.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(reached.CancellationToken);
                bool isIterator = !reached.Method.IsAsync && IsIterator(declaration);
                if (!reached.Method.IsAsync && !isIterator)
                    continue;
                var (modifiers, identifier) = declaration switch
                {
                    MethodDeclarationSyntax method => (method.Modifiers, method.Identifier),
                    LocalFunctionStatementSyntax function => (function.Modifiers, function.Identifier),
                    _ => (default, default),
                };
                // async at its modifier; an iterator once, at its name (every yield makes it one).
                var token = isIterator ? identifier : modifiers.FirstOrDefault(modifier => modifier.IsKind(SyntaxKind.AsyncKeyword));
                if (token.IsKind(SyntaxKind.AsyncKeyword) || token.IsKind(SyntaxKind.IdentifierToken))
                    reached.Report(Diagnostic.Create(Descriptor, token.GetLocation(), reached.Method.Name, reached.Method.IsAsync ? "async" : "an iterator ('yield')"));
            }
        });
    }

    /// <summary>Whether the declaration's own body (not a nested function's) has a <c>yield</c>.</summary>
    private static bool IsIterator(SyntaxNode declaration) =>
        declaration.DescendantNodes(node => node == declaration || node is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax))
            .OfType<YieldStatementSyntax>()
            .Any();
}

using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EbpfSharp.Analyzers.CodeFixes;

/// <summary>
/// EBPF2002 (the generator's "program method is not static"): adds <c>static</c> to the program method, after its
/// access modifiers.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeStaticCodeFix)), Shared]
public sealed class MakeStaticCodeFix : CodeFixProvider
{
    public const string DiagnosticId = "EBPF2002";

    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticId];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
                || method.Modifiers.Any(SyntaxKind.StaticKeyword))
                continue;
            context.RegisterCodeFix(CodeAction.Create("Make the program static", cancellationToken => MakeStaticAsync(context.Document, method, cancellationToken), nameof(MakeStaticCodeFix)), diagnostic);
        }
    }

    private static async Task<Document> MakeStaticAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(method, MakeStatic(method)));
    }

    private static MethodDeclarationSyntax MakeStatic(MethodDeclarationSyntax method)
    {
        var modifiers = method.Modifiers;
        int index = 0;
        while (index < modifiers.Count && modifiers[index].Kind() is SyntaxKind.PublicKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.ProtectedKeyword or SyntaxKind.InternalKeyword)
            index++;
        if (modifiers.Count == 0)
        {
            // No modifiers: 'static' takes the return type's leading trivia (indentation).
            var returnType = method.ReturnType;
            var keyword = SyntaxFactory.Token(returnType.GetLeadingTrivia(), SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return method.WithReturnType(returnType.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(keyword));
        }
        if (index == 0)
        {
            var first = modifiers[0];
            var keyword = SyntaxFactory.Token(first.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return method.WithModifiers(modifiers.Replace(first, first.WithLeadingTrivia()).Insert(0, keyword));
        }
        return method.WithModifiers(modifiers.Insert(index, SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }
}

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
/// EBPF0016 (a map lookup or reservation used without a null check): inserts
/// <c>if (p == null) return XdpAction.Pass;</c> (or the method's default result) right after the declaration of the
/// pointer local, so every later use is checked.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NullCheckCodeFix)), Shared]
public sealed class NullCheckCodeFix : CodeFixProvider
{
    public const string DiagnosticId = "EBPF0016";

    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticId];

    // Several uses of one pointer share one fix: fixing them all at once would insert the check repeatedly.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (PointerOf(node) is not { } pointer
                || model.GetSymbolInfo(pointer, context.CancellationToken).Symbol is not ILocalSymbol local
                || local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not VariableDeclaratorSyntax declarator
                || declarator.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is not { Parent: BlockSyntax or SwitchSectionSyntax } declaration
                || FlowFixes.ReturnStatement(model.GetEnclosingSymbol(node.SpanStart, context.CancellationToken) as IMethodSymbol) is not { } exit)
                continue;
            string check = $"if ({local.Name} == null) {exit}";
            context.RegisterCodeFix(
                CodeAction.Create($"Return when '{local.Name}' is null", cancellationToken => InsertAfterAsync(context.Document, declaration, check, cancellationToken), nameof(NullCheckCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The pointer an EBPF0016 location uses: p in p->X, *p, p[i], p + 1, or the argument p.</summary>
    internal static ExpressionSyntax? PointerOf(SyntaxNode node)
    {
        var expression = node switch
        {
            ArgumentSyntax argument => argument.Expression,
            MemberAccessExpressionSyntax member when member.IsKind(SyntaxKind.PointerMemberAccessExpression) => member.Expression,
            PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PointerIndirectionExpression) => unary.Operand,
            ElementAccessExpressionSyntax element => element.Expression,
            BinaryExpressionSyntax binary => binary.Left,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Expression,
            ExpressionSyntax other => other,
            _ => null,
        };
        while (expression is ParenthesizedExpressionSyntax or CastExpressionSyntax)
            expression = expression is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((CastExpressionSyntax)expression).Expression;
        return expression is MemberAccessExpressionSyntax inner && inner.IsKind(SyntaxKind.PointerMemberAccessExpression) ? inner.Expression : expression;
    }

    private static async Task<Document> InsertAfterAsync(Document document, StatementSyntax declaration, string check, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
            return document;
        var statement = FlowFixes.Statement(check, declaration, root);
        return document.WithSyntaxRoot(root.InsertNodesAfter(declaration, [statement]));
    }
}

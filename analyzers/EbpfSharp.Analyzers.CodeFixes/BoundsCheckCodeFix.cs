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
/// EBPF0015 (a packet access without a sufficient bounds check). Two mechanical fixes:
/// <list type="bullet">
/// <item>a <c>ctx.TryGet(…, out p);</c> statement whose result is dropped becomes
/// <c>if (!ctx.TryGet(…, out p)) return XdpAction.Pass;</c>;</item>
/// <item>an access at a constant offset from <c>ctx.Data</c> gets
/// <c>if (ctx.Data + N &gt; ctx.DataEnd) return XdpAction.Pass;</c> in front of its statement, N being the end of
/// the access (the verifier shares a check of <c>ctx.Data + N</c> with every pointer at a constant offset from it).</item>
/// </list>
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BoundsCheckCodeFix)), Shared]
public sealed class BoundsCheckCodeFix : CodeFixProvider
{
    public const string DiagnosticId = "EBPF0015";

    // The property names PacketBoundsAnalyzer attaches (the analyzer assembly is not referenced at run time by hosts).
    private const string KindProperty = "Kind", DataEndOffsetProperty = "DataEndOffset", PointerProperty = "Pointer";

    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticId];

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
            var method = model.GetEnclosingSymbol(node.SpanStart, context.CancellationToken) as IMethodSymbol;
            if (FlowFixes.ReturnStatement(method) is not { } exit)
                continue;
            diagnostic.Properties.TryGetValue(KindProperty, out var kind);
            if (kind == "TryGetUnchecked" && diagnostic.Properties.TryGetValue(PointerProperty, out var pointer) && pointer is not null
                && UncheckedTryGet(node, pointer) is { } statement && TryGetCall(statement) is { } call)
            {
                string check = $"if (!{call}) {exit}";
                context.RegisterCodeFix(
                    CodeAction.Create("Return when TryGet fails", cancellationToken => ReplaceAsync(context.Document, statement, check, cancellationToken), nameof(BoundsCheckCodeFix) + ".TryGet"),
                    diagnostic);
            }
            else if (kind is "PacketNoCheck" or "PacketOutOfRange" && diagnostic.Properties.TryGetValue(DataEndOffsetProperty, out var bytes) && bytes is not null
                && method?.Parameters.FirstOrDefault(parameter => parameter.Type is { Name: "XdpContext", ContainingNamespace.Name: "EbpfSharp" }) is { } xdpContext
                && FlowFixes.EnclosingBlockStatement(node) is { } anchor)
            {
                string check = $"if ({xdpContext.Name}.Data + {bytes} > {xdpContext.Name}.DataEnd) {exit}";
                context.RegisterCodeFix(
                    CodeAction.Create($"Check {bytes} bytes against DataEnd first", cancellationToken => InsertBeforeAsync(context.Document, anchor, check, cancellationToken), nameof(BoundsCheckCodeFix) + ".DataEnd"),
                    diagnostic);
            }
        }
    }

    /// <summary>The statement <c>ctx.TryGet(…, out … pointer);</c> (or <c>_ = …;</c>) in the method around <paramref name="node"/>.</summary>
    private static ExpressionStatementSyntax? UncheckedTryGet(SyntaxNode node, string pointer)
    {
        var body = node.AncestorsAndSelf().FirstOrDefault(ancestor => ancestor is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax);
        return body?.DescendantNodes().OfType<ExpressionStatementSyntax>()
            .Where(statement => statement.SpanStart < node.SpanStart && TryGetCall(statement) is { } call && call.ArgumentList.Arguments.Any(argument => argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) && OutName(argument.Expression) == pointer))
            .LastOrDefault();
    }

    private static InvocationExpressionSyntax? TryGetCall(ExpressionStatementSyntax statement)
    {
        var expression = statement.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard ? discard.Right : statement.Expression;
        return expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryGet" } } call ? call : null;
    }

    private static string? OutName(ExpressionSyntax expression) => expression switch
    {
        DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax designation } => designation.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        _ => null,
    };

    private static async Task<Document> ReplaceAsync(Document document, ExpressionStatementSyntax statement, string check, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
            return document;
        var replacement = SyntaxFactory.ParseStatement(check).WithTriviaFrom(statement);
        return document.WithSyntaxRoot(root.ReplaceNode(statement, replacement));
    }

    private static async Task<Document> InsertBeforeAsync(Document document, StatementSyntax anchor, string check, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
            return document;
        return document.WithSyntaxRoot(root.InsertNodesBefore(anchor, [FlowFixes.Statement(check, anchor, root)]));
    }
}

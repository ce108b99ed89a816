using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EbpfSharp.Analyzers.CodeFixes;

/// <summary>What the null-check and bounds-check fixes share: the early return they insert and where statements go.</summary>
internal static class FlowFixes
{
    /// <summary>
    /// The return statement that leaves <paramref name="method"/> when a check fails: <c>return XdpAction.Pass;</c> in an
    /// XDP program (the packet goes on untouched), <c>return;</c>, <c>return false;</c>, <c>return null;</c> or
    /// <c>return 0;</c> (other program kinds and helpers) by return type.
    /// </summary>
    public static string? ReturnStatement(IMethodSymbol? method)
    {
        if (method is null)
            return null;
        var type = method.ReturnType;
        if (method.ReturnsVoid)
            return "return;";
        if (type is { Name: "XdpAction", ContainingNamespace.Name: "EbpfSharp" })
            return "return XdpAction.Pass;";
        return type.SpecialType switch
        {
            SpecialType.System_Boolean => "return false;",
            _ when type.TypeKind == TypeKind.Pointer => "return null;",
            _ when type.TypeKind == TypeKind.Enum || type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_UInt64 => "return 0;",
            _ => "return default;",
        };
    }

    /// <summary>A statement parsed from text, indented as <paramref name="anchor"/> and ending its line.</summary>
    public static StatementSyntax Statement(string text, StatementSyntax anchor, SyntaxNode root) =>
        SyntaxFactory.ParseStatement(text)
            .WithLeadingTrivia(anchor.GetLeadingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(EndOfLine(root));

    /// <summary>The statement in a block (or switch section) that contains <paramref name="node"/>, or null.</summary>
    public static StatementSyntax? EnclosingBlockStatement(SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(statement => statement.Parent is BlockSyntax or SwitchSectionSyntax);

    /// <summary>The end-of-line trivia the document uses.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode root) =>
        root.DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } found ? found : SyntaxFactory.LineFeed;
}

namespace EbpfSharp.Analyzers.CodeFixes;

/// <summary>Removed when the first code fix lands.</summary>
internal static class Placeholder
{
}

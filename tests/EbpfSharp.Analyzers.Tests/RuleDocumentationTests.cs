using System.Runtime.CompilerServices;

namespace EbpfSharp.Analyzers.Tests;

/// <summary>Every analyzer diagnostic is documented in docs/diagnostics.md, tracked for release, and links to its section.</summary>
public sealed class RuleDocumentationTests
{
    private static readonly List<Microsoft.CodeAnalysis.DiagnosticDescriptor> Descriptors =
        [.. AnalyzerHarness.Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).DistinctBy(descriptor => descriptor.Id).OrderBy(descriptor => descriptor.Id)];

    [Fact]
    public void Every_analyzer_diagnostic_has_a_section_in_the_diagnostics_guide()
    {
        string guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        Assert.True(Descriptors.Count >= 18, $"{Descriptors.Count} descriptors");
        Assert.All(Descriptors, descriptor => Assert.Contains($"\n## {descriptor.Id}: {descriptor.Title}\n", guide, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_analyzer_diagnostic_is_tracked_for_release_and_links_to_its_section()
    {
        string releases = File.ReadAllText(Path.Combine(RepositoryRoot(), "analyzers", "EbpfSharp.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.All(Descriptors, descriptor =>
        {
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", releases, StringComparison.Ordinal);
            Assert.EndsWith($"diagnostics.md#{descriptor.Id.ToLowerInvariant()}", descriptor.HelpLinkUri, StringComparison.Ordinal);
        });
    }

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}

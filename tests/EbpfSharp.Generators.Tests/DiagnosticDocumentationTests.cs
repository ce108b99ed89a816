using System.Reflection;
using System.Runtime.CompilerServices;

namespace EbpfSharp.Generators.Tests;

public sealed class DiagnosticDocumentationTests
{
    [Fact]
    public void Every_generator_diagnostic_has_a_section_in_the_diagnostics_guide()
    {
        string guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        var ids = IdsOf(typeof(DiagnosticIds));

        Assert.Equal(["EBPF2001", "EBPF2002", "EBPF2003", "EBPF2004", "EBPF2005"], ids);
        Assert.All(ids, id => Assert.Contains($"\n## {id}: ", guide, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_generator_diagnostic_is_listed_for_release_tracking_with_its_descriptor()
    {
        string releases = File.ReadAllText(Path.Combine(RepositoryRoot(), "analyzers", "EbpfSharp.Generators", "AnalyzerReleases.Unshipped.md"));
        var descriptors = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (Microsoft.CodeAnalysis.DiagnosticDescriptor)field.GetValue(null)!)
            .ToList();

        Assert.Equal(IdsOf(typeof(DiagnosticIds)), descriptors.Select(descriptor => descriptor.Id).Order());
        Assert.All(descriptors, descriptor =>
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", releases, StringComparison.Ordinal));
    }

    private static List<string> IdsOf(Type registry) =>
        [.. registry.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .Order()];

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}

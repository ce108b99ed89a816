using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace EbpfSharp.Analyzers.Tests;

/// <summary>
/// Code the compiler builds and the kernel loads gives no analyzer diagnostic: the compiler's corpus, the samples'
/// and templates' programs and the generated-host tests' programs, each compiled as its project would be.
/// </summary>
public sealed class AcceptedCodeTests
{
    /// <summary>The implicit usings of an SDK project (ImplicitUsings=enable), which the corpus relies on.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public void The_compiler_corpus_gives_no_analyzer_diagnostics() =>
        AssertNoDiagnostics(SourcesUnder("tests/EbpfSharp.Corpus"));

    [Fact]
    public void The_benchmark_programs_give_no_analyzer_diagnostics() =>
        AssertNoDiagnostics(SourcesUnder("tests/EbpfSharp.Benchmarks/Programs"));

    [Theory]
    [InlineData("samples/PacketCounter", "ProtocolCounter.cs")]
    [InlineData("samples/Firewall", "Firewall.cs", "Ipv4Prefix.cs", "Ipv4Prefix.Host.cs")]
    [InlineData("templates/EbpfSharp.Templates/content/ebpf-xdp", "PacketCounter.cs")]
    [InlineData("templates/EbpfSharp.Templates/content/ebpf-probe", "SyscallCounter.cs")]
    [InlineData("tests/EbpfSharp.Generated.Tests/Programs", "MapKinds.cs", "PacketFilter.cs", "SyscallCounter.cs")]
    [InlineData("tests/EbpfSharp.Compiler.Tests/Programs", "Shapes.cs", "MapPrograms.cs")]
    public void Sample_and_template_programs_give_no_analyzer_diagnostics(string folder, params string[] files) =>
        AssertNoDiagnostics(files.Select(file => Path.Combine(RepositoryRoot(), folder, file)).ToList());

    private static void AssertNoDiagnostics(IReadOnlyList<string> files)
    {
        Assert.NotEmpty(files);
        var sources = files.Select(path => (path, File.ReadAllText(path))).Append(("ImplicitUsings.cs", ImplicitUsings)).ToArray();
        var diagnostics = AnalyzerHarness.Analyze(AnalyzerHarness.Create(sources));
        Assert.True(diagnostics.IsEmpty, "analyzer diagnostics on accepted code:\n" + string.Join("\n", diagnostics.Select(Describe)));
    }

    private static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic} [{AnalyzerHarness.TextAt(diagnostic)}]";

    private static List<string> SourcesUnder(string folder) =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), folder), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Order(StringComparer.Ordinal)];

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}

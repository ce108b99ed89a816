using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace EbpfSharp.Analyzers.Tests.Flow;

/// <summary>The flow rules say nothing on programs the kernel accepts: the whole corpus, the samples and the templates.</summary>
public class FlowCorpusTests(ITestOutputHelper output)
{
    private static readonly string[] FlowIds = ["EBPF0014", "EBPF0015", "EBPF0016", "EBPF0017"];

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EbpfSharp.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("The repository root (EbpfSharp.sln) is not above " + AppContext.BaseDirectory);
    }

    private static (string Path, string Text)[] Files(params string[] paths) =>
        [.. paths.Select(path => (path, File.ReadAllText(path)))];

    // What an SDK project's ImplicitUsings adds (the corpus and the samples rely on it).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private void AssertQuiet((string Path, string Text)[] sources)
    {
        var compilation = AnalyzerHarness.Create([.. sources, ("ImplicitUsings.g.cs", ImplicitUsings)]);
        var diagnostics = AnalyzerHarness.Analyze(compilation).Where(diagnostic => FlowIds.Contains(diagnostic.Id)).ToList();
        foreach (var diagnostic in diagnostics)
            output.WriteLine(diagnostic.ToString());
        Assert.True(diagnostics.Count == 0, $"{diagnostics.Count} flow diagnostics on accepted code:\n" + string.Join("\n", diagnostics));
    }

    [Fact]
    public void Flow_rules_are_silent_on_the_whole_accepted_corpus()
    {
        string corpus = Path.Combine(RepositoryRoot(), "tests", "EbpfSharp.Corpus");
        var files = Directory.EnumerateFiles(corpus, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToArray();
        Assert.True(files.Length > 30, "the corpus should have its programs");
        AssertQuiet(Files(files));
    }

    [Theory]
    [InlineData("samples/Firewall/Firewall.cs", "samples/Firewall/Ipv4Prefix.cs")]
    [InlineData("samples/PacketCounter/ProtocolCounter.cs")]
    [InlineData("templates/EbpfSharp.Templates/content/ebpf-xdp/PacketCounter.cs")]
    [InlineData("templates/EbpfSharp.Templates/content/ebpf-probe/SyscallCounter.cs")]
    public void Flow_rules_are_silent_on_the_program_classes_of_samples_and_templates(params string[] paths)
    {
        string root = RepositoryRoot();
        AssertQuiet(Files([.. paths.Select(path => Path.Combine(root, path))]));
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace EbpfSharp.Analyzers.Tests.Corpus;

/// <summary>
/// The analyzers measured against the verifier corpus: how many rejected programs they catch (a diagnostic with the
/// marked ID on the marked line) and how many diagnostics they report on accepted programs (none allowed).
/// </summary>
public sealed class CorpusAnalyzerTests(ITestOutputHelper output)
{
    private const double RequiredCatchRate = 0.9;

    [Fact]
    public void Analyzers_catch_at_least_90_percent_of_the_rejected_corpus_and_flag_nothing_accepted()
    {
        var files = VerifierCorpus.Rejected.Cast<CorpusFile>().Concat(VerifierCorpus.Accepted).ToList();
        var compilation = AnalyzerHarness.Create([.. files.Select(file => (file.Path, File.ReadAllText(file.Path)))]);

        // Until the analyzers land there are none to run (CompilationWithAnalyzers refuses an empty list): nothing is caught.
        var diagnostics = AnalyzerHarness.Analyzers.IsEmpty ? CompileOnly(compilation) : AnalyzerHarness.Analyze(compilation);

        var byFile = diagnostics.Where(diagnostic => diagnostic.Location.IsInSource)
            .ToLookup(diagnostic => diagnostic.Location.SourceTree!.FilePath);
        var misses = new List<string>();
        foreach (var program in VerifierCorpus.Rejected)
        {
            bool caught = byFile[program.Path].Any(diagnostic => diagnostic.Id == program.ExpectedId
                && diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1 == program.Line);
            if (!caught)
            {
                var reported = byFile[program.Path].Select(Describe).ToList();
                misses.Add($"  {program.RelativePath}:{program.Line}: expected {program.ExpectedId}; reported: {(reported.Count == 0 ? "nothing" : string.Join(", ", reported))}");
            }
        }
        var falsePositives = VerifierCorpus.Accepted
            .SelectMany(file => byFile[file.Path].Select(diagnostic => $"  {file.RelativePath}: {Describe(diagnostic)}: {diagnostic.GetMessage()}"))
            .ToList();
        int total = VerifierCorpus.Rejected.Count;
        int caughtCount = total - misses.Count;
        double rate = total == 0 ? 0 : (double)caughtCount / total;

        Report($"analyzers: {AnalyzerHarness.Analyzers.Length}");
        Report($"catch rate: {caughtCount}/{total} ({rate:P1})");
        if (misses.Count > 0)
            Report("misses:\n" + string.Join("\n", misses));
        Report($"false positives: {falsePositives.Count}");
        if (falsePositives.Count > 0)
            Report(string.Join("\n", falsePositives));

        Assert.True(rate >= RequiredCatchRate, $"catch rate {caughtCount}/{total} ({rate:P1}) is below {RequiredCatchRate:P0}; misses:\n{string.Join("\n", misses)}");
        Assert.True(falsePositives.Count == 0, $"false positives on the accepted corpus:\n{string.Join("\n", falsePositives)}");
    }

    private static ImmutableArray<Diagnostic> CompileOnly(CSharpCompilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the corpus does not compile:\n" + string.Join("\n", errors));
        return [];
    }

    private static string Describe(Diagnostic diagnostic) => $"{diagnostic.Id} at line {diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1}";

    private void Report(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
    }
}

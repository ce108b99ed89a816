using System.Text.RegularExpressions;

namespace EbpfSharp.Analyzers.Tests.Corpus;

/// <summary>
/// The verifier corpus, tests/EbpfSharp.Analyzers.Corpus: one static class per file, named after the file, in
/// <c>Rejected/</c> (programs the kernel's verifier or the EbpfSharp compiler rejects, each with one
/// <c>// EBPF00NN</c> marker on the line an analyzer should report) and <c>Accepted/</c> (programs that compile and
/// load). See docs/testing.md, "The verifier corpus".
/// </summary>
public static partial class VerifierCorpus
{
    /// <summary>The corpus project's folder, found from this file's path (tests keep real source paths).</summary>
    public static string Directory { get; } = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "EbpfSharp.Analyzers.Corpus"));

    /// <summary>The compiled corpus assembly (copied beside the tests, with its PDB).</summary>
    public static string AssemblyPath => typeof(EbpfSharp.Analyzers.Corpus.Rejected.AllocatesParserState).Assembly.Location;

    public static IReadOnlyList<RejectedProgram> Rejected { get; } = [.. Files("Rejected").Select(RejectedProgram.Read)];

    public static IReadOnlyList<CorpusFile> Accepted { get; } = [.. Files("Accepted").Select(path => new CorpusFile(path, "Accepted"))];

    /// <summary>Theory data: the class name of every rejected program in the corpus assembly.</summary>
    public static TheoryData<string> RejectedNames => [.. Rejected.Select(program => program.Name)];

    /// <summary>Theory data: every accepted program's class name.</summary>
    public static TheoryData<string> AcceptedNames => [.. Accepted.Select(file => file.Name)];

    public static RejectedProgram RejectedNamed(string name) => Rejected.Single(program => program.Name == name);

    public static CorpusFile AcceptedNamed(string name) => Accepted.Single(file => file.Name == name);

    private static IEnumerable<string> Files(string folder) =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Directory, folder), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    [GeneratedRegex(@"//\s*(EBPF00\d\d)\s*$")]
    internal static partial Regex Marker();
}

/// <summary>A corpus file: its path, and the class it declares (named after the file).</summary>
public record CorpusFile(string Path, string Folder)
{
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The class's full name in the corpus assembly (the compiler names objects by it).</summary>
    public string ClassName => $"EbpfSharp.Analyzers.Corpus.{Folder}.{Name}";

    /// <summary>The path relative to the corpus project, for messages.</summary>
    public string RelativePath => System.IO.Path.GetRelativePath(VerifierCorpus.Directory, Path);
}

/// <summary>A rejected program and its marker: the ID an analyzer should report and the 1-based line it should report on.</summary>
public sealed record RejectedProgram(string Path, string ExpectedId, int Line) : CorpusFile(Path, "Rejected")
{
    public static RejectedProgram Read(string path)
    {
        var markers = File.ReadAllLines(path)
            .Select((text, index) => (Match: VerifierCorpus.Marker().Match(text), Line: index + 1))
            .Where(line => line.Match.Success)
            .ToList();
        if (markers.Count != 1)
            throw new InvalidOperationException($"{path} has {markers.Count} '// EBPF00NN' markers; a rejected program has exactly one.");
        return new RejectedProgram(path, markers[0].Match.Groups[1].Value, markers[0].Line);
    }
}

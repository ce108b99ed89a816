using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EbpfSharp.Analyzers.Tests;

/// <summary>Compiles user code as a project with the EbpfSharp package would, and runs the analyzers over it.</summary>
internal static class AnalyzerHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == frameworkDirectory);
        Assembly[] ebpfSharp = [typeof(XdpAttribute).Assembly, typeof(Runtime.BpfObject).Assembly, typeof(Object.BpfMapType).Assembly];
        return [.. framework.Concat(ebpfSharp.Select(assembly => assembly.Location)).Select(path => MetadataReference.CreateFromFile(path))];
    });

    /// <summary>Every analyzer in EbpfSharp.Analyzers.</summary>
    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        [.. typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)];

    /// <summary>A compilation of <paramref name="sources"/> (files named <c>Source0.cs</c>, … unless given as (path, text)).</summary>
    public static CSharpCompilation Create(params string[] sources) =>
        Create(sources.Select((source, index) => ($"Source{index}.cs", source)).ToArray());

    public static CSharpCompilation Create(params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create("UserProject",
            sources.Select(source => CSharpSyntaxTree.ParseText(source.Text, ParseOptions, path: source.Path)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The analyzers' diagnostics (EBPF0xxx) on <paramref name="sources"/>; fails on C# compile errors in them.</summary>
    public static ImmutableArray<Diagnostic> Analyze(params string[] sources) => Analyze(Create(sources));

    public static ImmutableArray<Diagnostic> Analyze(CSharpCompilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the test source does not compile:\n" + string.Join("\n", errors));
        var withAnalyzers = compilation.WithAnalyzers(Analyzers);
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return [.. diagnostics.OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)];
    }

    /// <summary>The source text a diagnostic's location covers.</summary>
    public static string TextAt(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}

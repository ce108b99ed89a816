using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EbpfSharp.Generators.Tests;

/// <summary>Compilations of user code as a project with the EbpfSharp package would compile it, and generator runs over them.</summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // The framework (the TPA list also holds this test's own dependencies), then what the package brings.
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == frameworkDirectory);
        Assembly[] ebpfSharp = [typeof(XdpAttribute).Assembly, typeof(Runtime.BpfObject).Assembly, typeof(Object.BpfMapType).Assembly];
        return [.. framework.Concat(ebpfSharp.Select(assembly => assembly.Location)).Select(path => MetadataReference.CreateFromFile(path))];
    });

    /// <summary>A compilation of <paramref name="sources"/> (files named <c>Source0.cs</c>, <c>Source1.cs</c>, …).</summary>
    public static CSharpCompilation Create(params string[] sources) =>
        CSharpCompilation.Create("UserProject",
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{index}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create([new ProgramClassGenerator().AsSourceGenerator()], parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="sources"/>.</summary>
    public static GeneratorOutcome Run(params string[] sources)
    {
        var input = Create(sources);
        var driver = Driver().RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        return new GeneratorOutcome(input, output, driver.GetRunResult(), generatorDiagnostics);
    }
}

/// <summary>One generator run: the compilation before and after, and what the generator produced.</summary>
internal sealed record GeneratorOutcome(Compilation Input, Compilation Output, GeneratorDriverRunResult RunResult, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public ImmutableArray<GeneratedSourceResult> GeneratedSources => RunResult.Results.Single().GeneratedSources;

    // Warnings a test's input may have without the generator being at fault: missing doc comments, unused fields.
    private static readonly HashSet<string> InputOnlyWarnings = ["CS1591", "CS0169", "CS0414", "CS0649"];

    /// <summary>
    /// The warnings and errors of the compilation with the generated source, but for the test input's own missing
    /// doc comments and unused fields (the generated members must all have doc comments).
    /// </summary>
    public IReadOnlyList<Diagnostic> CompilationProblems()
    {
        var inputTrees = Input.SyntaxTrees.ToHashSet();
        return Output.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            .Where(diagnostic => !(InputOnlyWarnings.Contains(diagnostic.Id) && inputTrees.Contains(diagnostic.Location.SourceTree!)))
            .ToList();
    }

    /// <summary>The source text a diagnostic's location covers.</summary>
    public string TextAt(Diagnostic diagnostic)
    {
        var tree = Input.SyntaxTrees.Single(candidate => candidate.FilePath == diagnostic.Location.GetLineSpan().Path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}

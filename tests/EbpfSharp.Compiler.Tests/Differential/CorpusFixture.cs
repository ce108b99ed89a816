using EbpfSharp.Compiler;

namespace EbpfSharp.Compiler.Tests.Differential;

/// <summary>The corpus assembly compiled once for every differential test.</summary>
public sealed class CorpusFixture
{
    public CorpusFixture() => Result = EbpfCompiler.Compile(AssemblyPath);

    public static string AssemblyPath => typeof(EbpfSharp.Corpus.Basics.Smoke).Assembly.Location;

    public CompilationResult Result { get; }
}

using System.Collections.Concurrent;
using EbpfSharp.Compiler;

namespace EbpfSharp.Compiler.Tests.Differential;

/// <summary>The corpus assembly compiled once per instruction set for every differential test.</summary>
public sealed class CorpusFixture
{
    private readonly ConcurrentDictionary<IsaVersion, CompilationResult> _results = new();

    public static string AssemblyPath => typeof(EbpfSharp.Corpus.Basics.Smoke).Assembly.Location;

    /// <summary>The corpus compiled for the default instruction set (v3).</summary>
    public CompilationResult Result => For(IsaVersion.V3);

    public CompilationResult For(IsaVersion isa) =>
        _results.GetOrAdd(isa, version => EbpfCompiler.Compile(AssemblyPath, new CompilerOptions { Isa = version }));
}

using EbpfSharp.Compiler.Diagnostics;

namespace EbpfSharp.Compiler;

/// <summary>What a compilation produced: objects for the classes that compiled, and every diagnostic.</summary>
public sealed record CompilationResult(IReadOnlyList<CompiledObject> Objects, IReadOnlyList<CompilerDiagnostic> Diagnostics)
{
    /// <summary>Whether no error was reported.</summary>
    public bool Success => Diagnostics.All(diagnostic => diagnostic.Severity != DiagnosticSeverity.Error);
}

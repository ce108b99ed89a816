namespace EbpfSharp.Compiler.Diagnostics;

/// <summary>A problem the compiler found, with the C# location when the PDB has one.</summary>
/// <param name="Id">The diagnostic ID, <c>EBPF1xxx</c> (documented in docs/diagnostics.md).</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What happened and what to do.</param>
/// <param name="Location">Where in the C#, or null when the PDB is missing.</param>
/// <param name="MethodName">The method being compiled, as <c>Class.Method</c>.</param>
public sealed record CompilerDiagnostic(string Id, DiagnosticSeverity Severity, string Message, SourceLocation? Location, string? MethodName = null)
{
    /// <summary>The diagnostic as MSBuild and compilers print it: <c>File.cs(12,9): error EBPF1001: message</c>.</summary>
    public override string ToString()
    {
        string severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        string where = Location is not null ? $"{Location}: " : MethodName is not null ? $"{MethodName}: " : "";
        return $"{where}{severity} {Id}: {Message}";
    }
}

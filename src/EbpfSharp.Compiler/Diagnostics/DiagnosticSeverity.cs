namespace EbpfSharp.Compiler.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The object is written; something deserves attention.</summary>
    Warning,
    /// <summary>The class's object is not written.</summary>
    Error,
}

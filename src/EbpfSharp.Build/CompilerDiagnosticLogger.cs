using EbpfSharp.Compiler.Diagnostics;
using Microsoft.Build.Utilities;

namespace EbpfSharp.Build;

/// <summary>Reports compiler diagnostics through MSBuild's logger, which prints <c>File.cs(12,9): error EBPF1001: …</c>.</summary>
internal static class CompilerDiagnosticLogger
{
    /// <summary>
    /// Logs <paramref name="diagnostic"/> with its code, file, line and column, so MSBuild, IDEs and CI annotate
    /// the C# line. No subcategory: MSBuild would print it between the location and "error".
    /// </summary>
    public static void Log(TaskLoggingHelper log, CompilerDiagnostic diagnostic)
    {
        var location = diagnostic.Location;
        // Without a PDB location the method is the best pointer there is; MSBuild then names the project file.
        string message = location is null && diagnostic.MethodName is not null
            ? $"{diagnostic.MethodName}: {diagnostic.Message}"
            : diagnostic.Message;
        string? file = location?.FilePath;
        int line = location?.Line ?? 0;
        int column = location?.Column ?? 0;
        if (diagnostic.Severity == DiagnosticSeverity.Error)
            log.LogError(null, diagnostic.Id, null, file, line, column, 0, 0, message);
        else
            log.LogWarning(null, diagnostic.Id, null, file, line, column, 0, 0, message);
    }
}

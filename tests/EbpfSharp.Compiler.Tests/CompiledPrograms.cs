using EbpfSharp.Compiler.Diagnostics;

namespace EbpfSharp.Compiler.Tests;

/// <summary>This test assembly compiled once: its Programs/ folder holds programs the tests inspect.</summary>
public static class CompiledPrograms
{
    private static readonly Lazy<CompilationResult> Compiled = new(() => EbpfCompiler.Compile(typeof(CompiledPrograms).Assembly.Location));

    public static CompilationResult Result => Compiled.Value;

    public static CompiledObject Object(Type type) =>
        Result.Objects.Single(compiled => compiled.ClassName == type.FullName);

    public static IReadOnlyList<CompilerDiagnostic> Diagnostics(Type type) =>
        [.. Result.Diagnostics.Where(diagnostic => diagnostic.MethodName?.StartsWith(type.Name + ".", StringComparison.Ordinal) == true)];

    /// <summary>The 1-based line of the source file that contains <paramref name="marker"/>.</summary>
    public static int LineOf(string file, string marker)
    {
        string path = Path.Combine(SourceDirectory(), file);
        var lines = File.ReadAllLines(path);
        return Array.FindIndex(lines, line => line.Contains(marker, StringComparison.Ordinal)) + 1;
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

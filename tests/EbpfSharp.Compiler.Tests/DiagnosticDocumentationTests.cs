using System.Reflection;
using EbpfSharp.Compiler.Diagnostics;

namespace EbpfSharp.Compiler.Tests;

public sealed class DiagnosticDocumentationTests
{
    [Fact]
    public void Every_compiler_diagnostic_has_a_section_in_the_diagnostics_guide()
    {
        string guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        var ids = typeof(CompilerDiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        Assert.True(ids.Count >= 20, $"{ids.Count} ids");
        Assert.All(ids, id => Assert.Contains($"\n## {id}: ", guide, StringComparison.Ordinal));
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}

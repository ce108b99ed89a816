using Microsoft.CodeAnalysis;

namespace EbpfSharp.Analyzers.Tests;

/// <summary>Assertions the rule tests share: one program class per test source, diagnostics by ID and span.</summary>
internal static class RuleAssert
{
    /// <summary>A source with the usings programs use, around <paramref name="members"/> in an unsafe partial class.</summary>
    public static string Program(string members, string attributes = "", string outside = "") => $$"""
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using EbpfSharp;
        using EbpfSharp.Net;

        {{attributes}}
        public static unsafe partial class Probe
        {
        {{members}}
        }
        {{outside}}
        """;

    /// <summary>The texts the diagnostics with <paramref name="id"/> cover, after checking they are errors (or the given severity).</summary>
    public static string[] Reported(string id, string source, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        var diagnostics = AnalyzerHarness.Analyze(source);
        var matching = diagnostics.Where(diagnostic => diagnostic.Id == id).ToList();
        Assert.All(matching, diagnostic => Assert.Equal(severity, diagnostic.Severity));
        return [.. matching.Select(AnalyzerHarness.TextAt)];
    }

    /// <summary>Asserts no analyzer diagnostic at all on <paramref name="source"/>.</summary>
    public static void Silent(string source)
    {
        var diagnostics = AnalyzerHarness.Analyze(source);
        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics.Select(diagnostic => $"{diagnostic} [{AnalyzerHarness.TextAt(diagnostic)}]")));
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace EbpfSharp.Analyzers.Tests.Flow;

/// <summary>Small XDP programs for the flow rules: a body (and extra members) inside a class with a few maps.</summary>
internal static class FlowSource
{
    public static string Xdp(string body, string members = "") => $$"""
        using System.Threading;
        using EbpfSharp;
        using EbpfSharp.Net;

        public struct Counter { public ulong Packets; public ulong Bytes; }
        public struct Event { public uint Length; public byte Protocol; }

        public static unsafe class Probe
        {
            static readonly HashMap<uint, Counter> Counters = new(maxEntries: 16);
            static readonly ArrayMap<ulong> Totals = new(maxEntries: 4);
            static readonly RingBuffer<Event> Events = new(sizeBytes: 4096);
            static ulong Misses;

        {{members}}

            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
        {{body}}
            }
        }
        """;

    /// <summary>The diagnostics of <paramref name="id"/> on <paramref name="source"/>.</summary>
    public static ImmutableArray<Diagnostic> Diagnostics(string id, string source) =>
        [.. AnalyzerHarness.Analyze(source).Where(diagnostic => diagnostic.Id == id)];

    /// <summary>Asserts one diagnostic of <paramref name="id"/>, a warning, at <paramref name="text"/>; returns it.</summary>
    public static Diagnostic Single(string id, string source, string text)
    {
        var diagnostics = Diagnostics(id, source);
        Assert.True(diagnostics.Length == 1, $"expected one {id}, got:\n" + string.Join("\n", diagnostics));
        var diagnostic = diagnostics[0];
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(text, AnalyzerHarness.TextAt(diagnostic));
        return diagnostic;
    }

    public static void None(string id, string source)
    {
        var diagnostics = Diagnostics(id, source);
        Assert.True(diagnostics.IsEmpty, $"expected no {id}, got:\n" + string.Join("\n", diagnostics));
    }
}

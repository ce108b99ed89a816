using System.Collections;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EbpfSharp.Generators.Tests;

/// <summary>
/// The pipeline keeps its work across edits that do not touch a program class (every named step and output cached or
/// unchanged), and redoes it for an edit that does.
/// </summary>
public sealed class IncrementalTests
{
    private const string ProgramClass = """
        using EbpfSharp;

        namespace Incremental;

        public static partial class Counter
        {
            static readonly ArrayMap<ulong> Counts = new(maxEntries: 4);
            static ulong Packets;

            [Xdp]
            public static XdpAction Count(XdpContext ctx)
            {
                Packets++;
                return XdpAction.Pass;
            }
        }
        """;

    private const string OtherClass = """
        namespace Incremental;

        public static class Arithmetic
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    private static readonly string[] NamedSteps = [TrackingNames.ProgramClasses, TrackingNames.Models, TrackingNames.Diagnostics];

    [Fact]
    public void Adding_an_unrelated_file_keeps_every_step_cached()
    {
        var result = RunTwice([ProgramClass, OtherClass],
            compilation => compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public static class Added { }", TestCompilation.ParseOptions, path: "Added.cs")));

        AssertAllCachedOrUnchanged(result);
    }

    [Fact]
    public void Changing_a_method_body_in_another_class_keeps_every_step_cached()
    {
        var result = RunTwice([ProgramClass, OtherClass],
            compilation => Replace(compilation, 1, OtherClass.Replace("value * 2", "value + value")));

        AssertAllCachedOrUnchanged(result);
    }

    [Fact]
    public void Editing_a_comment_in_the_program_class_file_keeps_every_step_cached()
    {
        var result = RunTwice([ProgramClass, OtherClass],
            compilation => Replace(compilation, 0, "// Counts packets.\n// Two lines of comment move every location in the file.\n" + ProgramClass));

        AssertAllCachedOrUnchanged(result);
    }

    [Fact]
    public void Moving_a_class_with_a_diagnostic_reports_again_without_writing_the_source_again()
    {
        string withDiagnostic = ProgramClass.Replace("static partial class", "partial class").Replace("public static XdpAction", "public XdpAction");
        var result = RunTwice([withDiagnostic, OtherClass], compilation => Replace(compilation, 0, "\n\n" + withDiagnostic));

        Assert.Contains(result.TrackedSteps[TrackingNames.ProgramClasses].SelectMany(step => step.Outputs), output => output.Reason == IncrementalStepRunReason.Modified);
        AssertCachedOrUnchanged(result.TrackedSteps[TrackingNames.Models], TrackingNames.Models);
        // Both outputs are "SourceOutput" steps: the one that writes the class is kept, the one that reports runs again.
        var outputs = result.TrackedOutputSteps["SourceOutput"].SelectMany(step => step.Outputs).ToList();
        Assert.Contains(outputs, output => Writes(output.Value) && output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.DoesNotContain(outputs, output => Writes(output.Value) && output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(result.TrackedSteps[TrackingNames.Diagnostics].SelectMany(step => step.Outputs)).Reason);
    }

    [Fact]
    public void Adding_a_map_field_changes_the_model_and_the_generated_source()
    {
        var result = RunTwice([ProgramClass, OtherClass],
            compilation => Replace(compilation, 0, ProgramClass.Replace("static ulong Packets;", "static ulong Packets;\n    static readonly HashMap<uint, uint> Flows = new(maxEntries: 8);")));

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(result.TrackedSteps[TrackingNames.Models].SelectMany(step => step.Outputs)).Reason);
        Assert.Contains("MapView<uint, uint> Flows", Assert.Single(result.GeneratedSources).SourceText.ToString());
    }

    private const string ProbeClass = """
        using EbpfSharp;

        namespace Incremental;

        public static unsafe partial class Probes
        {
            public struct Record { public TraceEntry Common; public long Id; }

            [Kprobe("do_sys_openat2", Offset = 8)]
            public static int OnOpen(PtRegs* regs) => 0;

            [Kretprobe("do_sys_openat2")]
            public static int OnReturn(long fd) => 0;

            [Uprobe("libc.so.6", "malloc")]
            public static int OnMalloc(ulong size) => 0;

            [Uretprobe]
            public static int OnAnyReturn(PtRegs* regs) => 0;

            [Tracepoint("syscalls", "sys_enter_openat")]
            public static int OnOpenat(Record* record) => 0;

            [Fexit("do_unlinkat")]
            public static int OnUnlink(int dfd, void* name, int result) => 0;
        }
        """;

    [Fact]
    public void Editing_a_comment_in_a_class_of_tracing_programs_keeps_every_step_cached()
    {
        var result = RunTwice([ProbeClass, OtherClass],
            compilation => Replace(compilation, 0, "// Probes for opens.\n" + ProbeClass));

        AssertAllCachedOrUnchanged(result);
    }

    [Fact]
    public void Changing_an_attribute_target_changes_the_model_and_the_generated_source()
    {
        var result = RunTwice([ProbeClass, OtherClass],
            compilation => Replace(compilation, 0, ProbeClass.Replace("Offset = 8", "Offset = 16")));

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(result.TrackedSteps[TrackingNames.Models].SelectMany(step => step.Outputs)).Reason);
        Assert.Contains("\"do_sys_openat2\", offset: 0x10UL, isReturnProbe: false", Assert.Single(result.GeneratedSources).SourceText.ToString());
    }

    // A source output step's value is (sources, diagnostics); Roslyn keeps the sources' type internal.
    private static bool Writes(object value) => value is ITuple { Length: 2 } output && output[0] is IEnumerable sources && sources.Cast<object>().Any();

    /// <summary>Runs the generator, applies <paramref name="edit"/>, and runs it again on the same driver.</summary>
    private static GeneratorRunResult RunTwice(string[] sources, Func<Compilation, Compilation> edit)
    {
        var compilation = TestCompilation.Create(sources);
        var driver = TestCompilation.Driver().RunGenerators(compilation);
        Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources);
        return driver.RunGenerators(edit(compilation)).GetRunResult().Results.Single();
    }

    private static Compilation Replace(Compilation compilation, int index, string source)
    {
        var tree = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions, path: tree.FilePath));
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result)
    {
        foreach (string name in NamedSteps)
        {
            if (result.TrackedSteps.TryGetValue(name, out var steps))
                AssertCachedOrUnchanged(steps, name);
        }
        Assert.True(result.TrackedSteps.ContainsKey(TrackingNames.Models), "the Models step did not run");
        foreach (var (name, steps) in result.TrackedOutputSteps)
            AssertCachedOrUnchanged(steps, name);
    }

    private static void AssertCachedOrUnchanged(IEnumerable<IncrementalGeneratorRunStep> steps, string name)
    {
        foreach (var (value, reason) in steps.SelectMany(step => step.Outputs))
        {
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step '{name}' produced {value} as {reason}; only Cached or Unchanged is expected after an unrelated edit.");
        }
    }
}

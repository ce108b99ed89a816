using Microsoft.CodeAnalysis;

namespace EbpfSharp.Generators.Tests;

/// <summary>Each generator diagnostic fires at the identifier it is about, and nothing is generated where it cannot be.</summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void Non_partial_program_class_reports_EBPF2001_at_the_class_name()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            public static class ProtocolCounter
            {
                [Xdp]
                public static XdpAction Count(XdpContext ctx) => XdpAction.Pass;
            }
            """);

        var diagnostic = AssertSingle(outcome, "EBPF2001", DiagnosticSeverity.Warning, "ProtocolCounter");
        Assert.Equal(
            "Class 'ProtocolCounter' declares eBPF programs but is not partial, so no typed Load() is generated for it; " +
            "add the 'partial' modifier (to it and every type that contains it)",
            diagnostic.GetMessage());
        Assert.Empty(outcome.GeneratedSources);
    }

    [Fact]
    public void Program_class_inside_a_non_partial_type_reports_EBPF2001_naming_that_type()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            public class Outer
            {
                public static partial class Inner
                {
                    [Xdp]
                    public static XdpAction Count(XdpContext ctx) => XdpAction.Pass;
                }
            }
            """);

        var diagnostic = AssertSingle(outcome, "EBPF2001", DiagnosticSeverity.Warning, "Inner");
        Assert.Contains("its containing type 'Outer' is not partial", diagnostic.GetMessage());
        Assert.Contains("add the 'partial' modifier to 'Outer'", diagnostic.GetMessage());
        Assert.Empty(outcome.GeneratedSources);
    }

    [Fact]
    public void Instance_program_method_reports_EBPF2002_at_the_method_name()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            public partial class Filter
            {
                [Xdp]
                public XdpAction Run(XdpContext ctx) => XdpAction.Pass;
            }
            """);

        var diagnostic = AssertSingle(outcome, "EBPF2002", DiagnosticSeverity.Error, "Run");
        Assert.Contains("'Filter.Run' is an instance method", diagnostic.GetMessage());
        // The typed class is still written, so the error above is the only one the user sees.
        Assert.Single(outcome.GeneratedSources);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void Overloaded_programs_report_EBPF2003_at_the_second_overload_and_generate_one_property()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            public static partial class Filter
            {
                [Xdp]
                public static XdpAction Run(XdpContext ctx) => XdpAction.Pass;

                [RawTracepoint("sys_enter")]
                public static int Run(RawTracepointContext ctx) => 0;
            }
            """);

        var diagnostic = AssertSingle(outcome, "EBPF2003", DiagnosticSeverity.Error, "Run");
        Assert.Equal(8, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("more than one program named 'Run'", diagnostic.GetMessage());
        string generated = Assert.Single(outcome.GeneratedSources).SourceText.ToString();
        Assert.Contains("public global::EbpfSharp.Runtime.XdpProgram Run { get; }", generated);
        Assert.DoesNotContain("RawTracepointProgram", generated);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void Generic_program_class_reports_EBPF2004_at_the_class_name_and_generates_nothing()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            public static partial class Counter<T> where T : unmanaged
            {
                [Xdp]
                public static XdpAction Count(XdpContext ctx) => XdpAction.Pass;
            }
            """);

        var diagnostic = AssertSingle(outcome, "EBPF2004", DiagnosticSeverity.Warning, "Counter");
        Assert.Contains("Class 'Counter' declares eBPF programs but is generic", diagnostic.GetMessage());
        Assert.Empty(outcome.GeneratedSources);
    }

    [Fact]
    public void Program_class_inside_a_generic_type_reports_EBPF2004_naming_that_type()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            public partial class Outer<T>
            {
                public static partial class Counter
                {
                    [Xdp]
                    public static XdpAction Count(XdpContext ctx) => XdpAction.Pass;
                }
            }
            """);

        var diagnostic = AssertSingle(outcome, "EBPF2004", DiagnosticSeverity.Warning, "Counter");
        Assert.Contains("is inside the generic type 'Outer<T>'", diagnostic.GetMessage());
        Assert.Empty(outcome.GeneratedSources);
    }

    [Fact]
    public void Member_named_Load_reports_EBPF2005_at_the_member_name_and_generates_nothing()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            public static partial class Counter
            {
                public static void Load() { }

                [Xdp]
                public static XdpAction Count(XdpContext ctx) => XdpAction.Pass;
            }
            """);

        var diagnostic = AssertSingle(outcome, "EBPF2005", DiagnosticSeverity.Warning, "Load");
        Assert.Equal(
            "'Load' in class 'Counter' has the name of the generated method 'Load()', which the generator writes, so no typed Load() is generated for 'Counter'; rename 'Load'",
            diagnostic.GetMessage());
        Assert.Empty(outcome.GeneratedSources);
    }

    [Fact]
    public void Map_named_Object_reports_EBPF2005_at_the_field_name()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            public static partial class Counter
            {
                static readonly ArrayMap<ulong> Object = new(maxEntries: 1);

                [Xdp]
                public static XdpAction Count(XdpContext ctx) => XdpAction.Pass;
            }
            """);

        var diagnostic = AssertSingle(outcome, "EBPF2005", DiagnosticSeverity.Warning, "Object");
        Assert.Contains("the property 'Loaded.Object'", diagnostic.GetMessage());
        Assert.Empty(outcome.GeneratedSources);
    }

    [Fact]
    public void Program_named_Dispose_reports_EBPF2005_at_the_method_name()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            public static partial class Counter
            {
                [Xdp]
                public static XdpAction Dispose(XdpContext ctx) => XdpAction.Pass;
            }
            """);

        AssertSingle(outcome, "EBPF2005", DiagnosticSeverity.Warning, "Dispose");
        Assert.Empty(outcome.GeneratedSources);
    }

    [Fact]
    public void Global_named_like_another_globals_backing_field_reports_EBPF2005()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            public static partial class Counter
            {
                static ulong Packets;
                static ulong _Packets;

                [Xdp]
                public static XdpAction Count(XdpContext ctx) => XdpAction.Pass;
            }
            """);

        var diagnostic = AssertSingle(outcome, "EBPF2005", DiagnosticSeverity.Warning, "_Packets");
        Assert.Contains("the field 'Loaded._Packets' that holds 'Packets'", diagnostic.GetMessage());
        Assert.Empty(outcome.GeneratedSources);
    }

    [Fact]
    public void Well_formed_program_class_reports_nothing_and_compiles()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            namespace Good;

            public static partial class Counter
            {
                static readonly ArrayMap<ulong> Counts = new(maxEntries: 4);
                static readonly uint Limit = 10;
                static ulong Packets;

                [Xdp]
                public static XdpAction Count(XdpContext ctx) => Packets++ < Limit ? XdpAction.Pass : XdpAction.Drop;

                // Methods with other attributes, and host-only helpers, are not programs.
                [System.Obsolete("host only")]
                public static ulong Read() => Packets;
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Single(outcome.GeneratedSources);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void Class_without_programs_gets_nothing()
    {
        var outcome = TestCompilation.Run("""
            public static partial class Helpers
            {
                [System.Obsolete("old")]
                public static int Twice(int value) => value * 2;
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.GeneratedSources);
    }

    [Fact]
    public void Class_declared_in_two_files_gets_one_typed_class_with_the_programs_of_both()
    {
        var outcome = TestCompilation.Run(
            """
            using EbpfSharp;

            public static partial class Split
            {
                static readonly ArrayMap<ulong> Counts = new(maxEntries: 4);

                [Xdp]
                public static XdpAction First(XdpContext ctx) => XdpAction.Pass;
            }
            """,
            """
            using EbpfSharp;

            public static partial class Split
            {
                [Xdp]
                public static XdpAction Second(XdpContext ctx) => XdpAction.Pass;
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        string generated = Assert.Single(outcome.GeneratedSources).SourceText.ToString();
        Assert.Contains("XdpProgram First { get; }", generated);
        Assert.Contains("XdpProgram Second { get; }", generated);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void Map_whose_value_type_is_private_to_the_class_gets_no_property()
    {
        var outcome = TestCompilation.Run("""
            using EbpfSharp;

            public static partial class Hidden
            {
                private struct Secret { public ulong Value; }

                static readonly ArrayMap<Secret> Secrets = new(maxEntries: 4);
                static readonly ArrayMap<ulong> Counts = new(maxEntries: 4);

                [Xdp]
                public static XdpAction Count(XdpContext ctx) => XdpAction.Pass;
            }
            """);

        string generated = Assert.Single(outcome.GeneratedSources).SourceText.ToString();
        Assert.DoesNotContain("Secrets", generated);
        Assert.Contains("MapView<uint, ulong> Counts { get; }", generated);
        Assert.Empty(outcome.CompilationProblems());
    }

    private static Diagnostic AssertSingle(GeneratorOutcome outcome, string id, DiagnosticSeverity severity, string locatedText)
    {
        var diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(locatedText, outcome.TextAt(diagnostic));
        return diagnostic;
    }
}

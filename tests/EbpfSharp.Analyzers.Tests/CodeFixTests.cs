using System.Collections.Immutable;
using EbpfSharp.Analyzers.CodeFixes;
using EbpfSharp.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace EbpfSharp.Analyzers.Tests;

/// <summary>The code fixes for the generator's EBPF2001 (add partial) and EBPF2002 (make static), applied in a workspace.</summary>
public sealed class CodeFixTests
{
    [Fact]
    public void Add_partial_fixes_EBPF2001_on_the_class_and_its_containing_types()
    {
        string source = """
            using EbpfSharp;

            public static class Outer
            {
                public static class Counter
                {
                    [Xdp]
                    public static XdpAction Run(XdpContext ctx) => XdpAction.Pass;
                }
            }
            """;
        string expected = """
            using EbpfSharp;

            public static partial class Outer
            {
                public static partial class Counter
                {
                    [Xdp]
                    public static XdpAction Run(XdpContext ctx) => XdpAction.Pass;
                }
            }
            """;
        Assert.Equal(expected, Fix(source, "EBPF2001", new AddPartialCodeFix()));
    }

    [Fact]
    public void Add_partial_fixes_EBPF2001_on_a_class_without_modifiers()
    {
        string source = """
            using EbpfSharp;

            class Counter
            {
                [Xdp]
                public static XdpAction Run(XdpContext ctx) => XdpAction.Pass;
            }
            """;
        Assert.Equal(source.Replace("class Counter", "partial class Counter"), Fix(source, "EBPF2001", new AddPartialCodeFix()));
    }

    [Fact]
    public void Make_static_fixes_EBPF2002_after_the_access_modifier()
    {
        string source = """
            using EbpfSharp;

            public partial class Counter
            {
                [Xdp]
                public XdpAction Run(XdpContext ctx) => XdpAction.Pass;
            }
            """;
        Assert.Equal(source.Replace("public XdpAction", "public static XdpAction"), Fix(source, "EBPF2002", new MakeStaticCodeFix()));
    }

    [Fact]
    public void Make_static_fixes_EBPF2002_on_a_method_without_modifiers()
    {
        string source = """
            using EbpfSharp;

            public partial class Counter
            {
                [Xdp]
                XdpAction Run(XdpContext ctx) => XdpAction.Pass;
            }
            """;
        Assert.Equal(source.Replace("    XdpAction Run", "    static XdpAction Run"), Fix(source, "EBPF2002", new MakeStaticCodeFix()));
    }

    /// <summary>Runs the generator for its diagnostic <paramref name="id"/>, applies <paramref name="fix"/>'s single action, and returns the document's text.</summary>
    private static string Fix(string source, string id, CodeFixProvider fix)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(projectId, "UserProject", "UserProject", LanguageNames.CSharp)
            .WithProjectCompilationOptions(projectId, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true))
            .WithProjectParseOptions(projectId, AnalyzerHarness.ParseOptions)
            .AddMetadataReferences(projectId, AnalyzerHarness.References.Value)
            .AddDocument(documentId, "Counter.cs", SourceText.From(source));
        var document = solution.GetDocument(documentId)!;
        var compilation = document.Project.GetCompilationAsync().GetAwaiter().GetResult()!;

        var driver = CSharpGeneratorDriver.Create(new ProgramClassGenerator()).RunGenerators(compilation);
        var diagnostic = Assert.Single(driver.GetRunResult().Diagnostics, candidate => candidate.Id == id);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        fix.RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
        var action = Assert.Single(actions);
        var operations = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return changed.GetDocument(documentId)!.GetTextAsync().GetAwaiter().GetResult().ToString();
    }
}

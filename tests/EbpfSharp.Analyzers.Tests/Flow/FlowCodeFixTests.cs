using System.Collections.Immutable;
using EbpfSharp.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EbpfSharp.Analyzers.Tests.Flow;

/// <summary>The null-check and bounds-check fixes, applied in a workspace and compared as text.</summary>
public class FlowCodeFixTests
{
    // An XDP program whose body is given, or (another return type) a method the program calls.
    private static string Program(string body, string returnType = "XdpAction") => returnType == "XdpAction"
        ? $$"""
        using EbpfSharp;
        using EbpfSharp.Net;

        public struct Counter { public ulong Packets; }

        public static unsafe class Probe
        {
            static readonly HashMap<uint, Counter> Counters = new(maxEntries: 16);

            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
        {{body}}
            }
        }
        """
        : $$"""
        using EbpfSharp;
        using EbpfSharp.Net;

        public struct Counter { public ulong Packets; }

        public static unsafe class Probe
        {
            static readonly HashMap<uint, Counter> Counters = new(maxEntries: 16);

            [Xdp]
            public static XdpAction Run(XdpContext ctx) => Body(ctx) > 0 ? XdpAction.Drop : XdpAction.Pass;

            static {{returnType}} Body(XdpContext ctx)
            {
        {{body}}
            }
        }
        """;

    /// <summary>Applies the first fix <paramref name="provider"/> offers for the first <paramref name="id"/> diagnostic.</summary>
    private static async Task<string?> FixAsync(string source, string id, CodeFixProvider provider)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "UserProject", "UserProject", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: AnalyzerHarness.ParseOptions,
            metadataReferences: AnalyzerHarness.References.Value));
        var document = workspace.AddDocument(project.Id, "Source0.cs", SourceText.From(source));
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(AnalyzerHarness.Analyzers).GetAnalyzerDiagnosticsAsync();
        var diagnostic = diagnostics.Where(candidate => candidate.Id == id).OrderBy(candidate => candidate.Location.SourceSpan.Start).FirstOrDefault();
        Assert.NotNull(diagnostic);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        if (actions.Count == 0)
            return null;
        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var text = (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
        var fixedCompilation = (await changed.GetDocument(document.Id)!.Project.GetCompilationAsync())!;
        Assert.Empty(fixedCompilation.GetDiagnostics().Where(candidate => candidate.Severity == DiagnosticSeverity.Error));
        var after = await fixedCompilation.WithAnalyzers(AnalyzerHarness.Analyzers).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(after, candidate => candidate.Id == id);
        return text;
    }

    [Fact]
    public async Task Null_check_fix_inserts_an_early_return_after_the_lookup()
    {
        string before = Program("""
                    Counter* counter = Counters.Lookup(1);
                    counter->Packets++;
                    return XdpAction.Drop;
            """);
        string after = Program("""
                    Counter* counter = Counters.Lookup(1);
                    if (counter == null) return XdpAction.Pass;
                    counter->Packets++;
                    return XdpAction.Drop;
            """);
        Assert.Equal(after, await FixAsync(before, "EBPF0016", new NullCheckCodeFix()));
    }

    [Fact]
    public async Task Null_check_fix_returns_zero_outside_XDP_programs()
    {
        string before = Program("""
                    Counter* counter = Counters.Lookup(1);
                    return counter->Packets;
            """, returnType: "ulong");
        string after = Program("""
                    Counter* counter = Counters.Lookup(1);
                    if (counter == null) return 0;
                    return counter->Packets;
            """, returnType: "ulong");
        Assert.Equal(after, await FixAsync(before, "EBPF0016", new NullCheckCodeFix()));
    }

    [Fact]
    public async Task Bounds_fix_turns_an_ignored_TryGet_into_an_early_return()
    {
        string before = Program("""
                    ctx.TryGet(0, out EthernetHeader* eth);
                    return eth->EtherType == EtherType.IPv4 ? XdpAction.Pass : XdpAction.Drop;
            """);
        string after = Program("""
                    if (!ctx.TryGet(0, out EthernetHeader* eth)) return XdpAction.Pass;
                    return eth->EtherType == EtherType.IPv4 ? XdpAction.Pass : XdpAction.Drop;
            """);
        Assert.Equal(after, await FixAsync(before, "EBPF0015", new BoundsCheckCodeFix()));
    }

    [Fact]
    public async Task Bounds_fix_inserts_a_DataEnd_check_covering_the_access()
    {
        string before = Program("""
                    byte* data = ctx.Data;
                    if (data + 14 > ctx.DataEnd)
                        return XdpAction.Pass;
                    IPv4Header* ip = (IPv4Header*)(data + 14);
                    return ip->Protocol == 6 ? XdpAction.Drop : XdpAction.Pass;
            """);
        string after = Program("""
                    byte* data = ctx.Data;
                    if (data + 14 > ctx.DataEnd)
                        return XdpAction.Pass;
                    IPv4Header* ip = (IPv4Header*)(data + 14);
                    if (ctx.Data + 24 > ctx.DataEnd) return XdpAction.Pass;
                    return ip->Protocol == 6 ? XdpAction.Drop : XdpAction.Pass;
            """);
        Assert.Equal(after, await FixAsync(before, "EBPF0015", new BoundsCheckCodeFix()));
    }

    [Fact]
    public async Task Bounds_fix_offers_nothing_for_a_failed_TryGet()
    {
        string before = Program("""
                    if (!ctx.TryGet(0, out EthernetHeader* eth))
                        ctx = ctx;
                    return eth->EtherType == EtherType.IPv4 ? XdpAction.Pass : XdpAction.Drop;
            """);
        Assert.Null(await FixAsync(before, "EBPF0015", new BoundsCheckCodeFix()));
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EbpfSharp.Analyzers.Flow;

/// <summary>
/// EBPF0015: a packet access that no bounds check covers on some path. Packet pointers come from
/// <c>ctx.Data</c> (plus constant offsets) and <c>ctx.TryGet</c>; the checks are comparisons with
/// <c>ctx.DataEnd</c> (<c>if (data + n &gt; end) return …;</c>) and <c>TryGet</c> returning true. Reported: an
/// access with no check at all, past the checked bytes, through a <c>TryGet</c> pointer where the call failed or
/// its result was dropped, or through a pointer taken before <c>Bpf.XdpAdjustHead/Tail/Meta</c>. Quiet whenever the
/// flow cannot follow a pointer (variable offsets it cannot bound, pointers in structs or passed by reference,
/// checks kept in bools, methods called with the context).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PacketBoundsAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = FlowRules.Rule(
        DiagnosticIds.PacketBounds,
        "Packet access without a dominating bounds check",
        "{0}",
        "Every packet load or store needs a comparison against ctx.DataEnd (or a successful ctx.TryGet) on every path before it, covering the bytes it touches; the verifier rejects the program otherwise.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => FlowRules.Of(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        FlowRules.RegisterMethodBodies(context, (block, body, method, isProgram) =>
        {
            foreach (var finding in PointerFlow.Analyze(body, isProgram, block.CancellationToken))
            {
                if (finding.IsPacketRule)
                    block.ReportDiagnostic(Diagnostic.Create(Rule, finding.Node.GetLocation(), Properties(finding), Message(finding)));
            }
        });
    }

    /// <summary>Property names the bounds-check code fix reads.</summary>
    internal const string KindProperty = "Kind", DataEndOffsetProperty = "DataEndOffset", PointerProperty = "Pointer";

    /// <summary>What the code fix needs: the finding's kind, the pointer, and (for accesses from ctx.Data at constant offsets) the bytes to check.</summary>
    private static ImmutableDictionary<string, string?> Properties(PointerFinding finding)
    {
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(KindProperty, finding.Kind.ToString())
            .Add(PointerProperty, finding.Pointer);
        return finding.FromData && finding.AccessEnd > 0
            ? properties.Add(DataEndOffsetProperty, finding.AccessEnd.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : properties;
    }

    internal static string Message(PointerFinding finding)
    {
        string access = finding.Node.ToString();
        return finding.Kind switch
        {
            FindingKind.PacketNoCheck =>
                $"'{access}' accesses the packet, but no comparison of '{finding.Pointer}' with ctx.DataEnd comes before it on some path; the verifier rejects it (\"invalid access to packet\"). Check first: 'if ({finding.Pointer} + <bytes> > ctx.DataEnd) return XdpAction.Pass;' or use ctx.TryGet.",
            FindingKind.PacketOutOfRange =>
                $"'{access}' accesses the packet up to byte {finding.AccessEnd}, but the bounds check before it covers only {finding.Proven} bytes; the verifier rejects it (\"invalid access to packet\"). {(finding.FromData ? $"Check 'if (ctx.Data + {finding.AccessEnd} > ctx.DataEnd) return XdpAction.Pass;' first." : "Check the bytes past the TryGet struct too, with a larger TryGet or a comparison with ctx.DataEnd.")}",
            FindingKind.PacketStale =>
                $"'{access}' uses '{finding.Pointer}', a packet pointer taken before '{finding.Site}', which invalidates every packet pointer; the verifier rejects it (\"invalid mem access 'scalar'\"). Read ctx.Data/ctx.DataEnd (or call ctx.TryGet) again after it and check the bounds.",
            FindingKind.TryGetFailed =>
                $"'{access}' uses '{finding.Pointer}' on a path where '{finding.Site}' returned false: it is null there, and the verifier rejects the access (\"invalid mem access 'scalar'\"). Return when TryGet fails: 'if (!{finding.Site}) return XdpAction.Pass;'.",
            _ =>
                $"'{access}' uses '{finding.Pointer}', but the result of '{finding.Site}' is not checked: when the packet is too short it is null, and the verifier rejects the access (\"invalid mem access 'scalar'\"). Write 'if (!{finding.Site}) return XdpAction.Pass;'.",
        };
    }
}

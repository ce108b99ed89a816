using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EbpfSharp.Analyzers.Flow;

/// <summary>
/// EBPF0016: a map method's pointer result (<c>Lookup</c>, <c>RingBuffer.Reserve</c>, any map method returning a
/// pointer) dereferenced, offset or passed to a helper or map method on a path where it may be null. The compiler
/// emits the helper call as written and adds no null check, so the verifier sees the unchecked use; on the CLR it
/// would throw NullReferenceException. Checks understood: <c>== null</c>, <c>!= null</c>, <c>is null</c>,
/// <c>is not null</c>, in if/loop/?: conditions (also through &amp;&amp;, || and !). A result stored in a field or
/// passed to one of your methods is no longer followed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LookupNullCheckAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = FlowRules.Rule(
        DiagnosticIds.LookupNullCheck,
        "Map lookup result used without a null check",
        "{0}",
        "Map lookups and ring buffer reservations return null when there is no value or no room; the verifier rejects any use of the pointer before a null check.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => FlowRules.Of(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        FlowRules.RegisterMethodBodies(context, (block, body, method, isProgram) =>
        {
            foreach (var finding in PointerFlow.Analyze(body, isProgram, block.CancellationToken))
            {
                if (!finding.IsPacketRule)
                    block.ReportDiagnostic(Diagnostic.Create(Rule, finding.Node.GetLocation(), Message(finding)));
            }
        });
    }

    internal static string Message(PointerFinding finding)
    {
        string kernelType = FlowRules.NullableKind(finding.Site);
        string use = finding.Kind switch
        {
            FindingKind.NullArgument => $"'{finding.Node}' passes '{finding.Pointer}'",
            FindingKind.NullArithmetic => $"'{finding.Node}' offsets '{finding.Pointer}'",
            _ => $"'{finding.Node}' dereferences '{finding.Pointer}'",
        };
        string kernel = finding.Kind switch
        {
            FindingKind.NullArithmetic => $"\"pointer arithmetic on {kernelType} prohibited, null-check it first\"",
            FindingKind.NullArgument => $"a helper argument of type {kernelType} where the helper needs a valid pointer",
            _ => $"\"invalid mem access '{kernelType}'\"",
        };
        return $"{use}, the result of '{finding.Site}', which is null when there is no value, on a path without a null check; the verifier rejects it ({kernel}) and the CLR would throw NullReferenceException. Check first: 'if ({finding.Pointer} == null) return …;'.";
    }
}

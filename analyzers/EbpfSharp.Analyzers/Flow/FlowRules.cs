using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Flow;

/// <summary>What the flow rules share: descriptors, and running on the bodies of methods compiled to eBPF.</summary>
internal static class FlowRules
{
    /// <summary>A warning descriptor (the flow rules can only estimate) with its help link to docs/diagnostics.md.</summary>
    public static DiagnosticDescriptor Rule(string id, string title, string message, string description) =>
        new(id, title, message, DiagnosticIds.Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: description, helpLinkUri: DiagnosticIds.HelpLinkBase + id.ToLowerInvariant());

    /// <summary>
    /// Runs <paramref name="action"/> (the caller's Initialize configures the context) on the body of every method compiled to eBPF (program methods and what they
    /// call), with whether the method is itself a program. Host code in the same class is never analyzed.
    /// </summary>
    public static void RegisterMethodBodies(AnalysisContext context, Action<OperationBlockAnalysisContext, IMethodBodyOperation, IMethodSymbol, bool> action)
    {
        context.RegisterCompilationStartAction(start =>
            start.RegisterOperationBlockAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method || block.OperationBlocks.Select(Root).OfType<IMethodBodyOperation>().FirstOrDefault() is not { } body)
                    return;
                var reachability = ProgramReachability.For(block.Compilation, block.CancellationToken);
                if (!reachability.IsReached(method, out _))
                    return;
                action(block, body, method, ProgramReachability.ProgramAttributeOf(method) is not null);
            }));
    }

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
            operation = parent;
        return operation;
    }

    /// <summary>The kernel's name for what a map method returns before a null check.</summary>
    public static string NullableKind(SyntaxNode? site) =>
        site?.ToString().Contains(".Reserve(") == true ? "ringbuf_mem_or_null" : "map_value_or_null";

    public static ImmutableArray<DiagnosticDescriptor> Of(params DiagnosticDescriptor[] descriptors) => [.. descriptors];
}

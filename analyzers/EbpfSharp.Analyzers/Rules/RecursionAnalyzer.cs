using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0013: recursion, direct or through other methods. The verifier rejects cycles in the call graph, and the
/// compiler, which inlines calls, reports EBPF1008. A depth-first walk from the programs (in source order) finds the
/// calls that close a cycle (back edges); each is reported at the call, in the caller's body.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RecursionAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.Recursion,
        "Recursion",
        "'{0}' calls '{1}', which {2}; the verifier rejects recursion. Rewrite it as a bounded loop.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        Register(context);
    }

    private static void Register(AnalysisContext context) =>
        context.RegisterCompilationStartAction(start =>
        {
            // The calls that close a cycle, found once per compilation on first use.
            var backEdges = new System.Lazy<HashSet<(IMethodSymbol, IMethodSymbol)>>(() => Find(ProgramReachability.For(start.Compilation, start.CancellationToken)));
            start.RegisterOperationAction(operationContext =>
            {
                if (ProgramCode.ReachedMethod(operationContext.Operation, operationContext.ContainingSymbol, operationContext.Compilation, operationContext.CancellationToken) is { } reached)
                    Analyze(operationContext, reached.Method, backEdges.Value);
            }, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.PropertyReference);
        });

    private static void Analyze(OperationAnalysisContext operationContext, IMethodSymbol method, HashSet<(IMethodSymbol, IMethodSymbol)> backEdges)
    {
        var operation = operationContext.Operation;
        var target = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            IPropertyReferenceOperation property => property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property
                ? property.Property.SetMethod : property.Property.GetMethod,
            _ => null,
        };
        if (target?.OriginalDefinition is not { } callee || callee.DeclaringSyntaxReferences.Length == 0)
            return;
        var caller = method.OriginalDefinition;
        string? how = SymbolEqualityComparer.Default.Equals(callee, caller)
            ? "is itself"
            : backEdges.Contains((caller, callee)) ? $"calls '{caller.Name}' again" : null;
        if (how is not null)
            operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Syntax.GetLocation(), caller.Name, callee.Name, how));
    }

    /// <summary>The calls that close a cycle, from a depth-first walk of the call graph from each program in source order.</summary>
    private static HashSet<(IMethodSymbol, IMethodSymbol)> Find(ProgramReachability reachability)
    {
        var edges = new HashSet<(IMethodSymbol, IMethodSymbol)>(new EdgeComparer());
        var state = new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);   // false: on the path; true: done
        var programs = reachability.Reached.Keys.Where(method => ProgramReachability.ProgramAttributeOf(method) is not null).OrderBy(SourceOrder.Key);
        foreach (var program in programs)
        {
            if (state.ContainsKey(program))
                continue;
            var path = new Stack<(IMethodSymbol Method, IEnumerator<IMethodSymbol> Callees)>();
            state[program] = false;
            path.Push((program, Ordered(reachability, program)));
            while (path.Count > 0)
            {
                var (method, callees) = path.Peek();
                if (!callees.MoveNext())
                {
                    state[method] = true;
                    path.Pop();
                    continue;
                }
                var callee = callees.Current;
                if (!state.TryGetValue(callee, out bool done))
                {
                    state[callee] = false;
                    path.Push((callee, Ordered(reachability, callee)));
                }
                else if (!done)
                {
                    edges.Add((method, callee));
                }
            }
        }
        return edges;
    }

    private static IEnumerator<IMethodSymbol> Ordered(ProgramReachability reachability, IMethodSymbol method) =>
        reachability.Callees(method).OrderBy(SourceOrder.Key).GetEnumerator();

    private sealed class EdgeComparer : IEqualityComparer<(IMethodSymbol, IMethodSymbol)>
    {
        public bool Equals((IMethodSymbol, IMethodSymbol) x, (IMethodSymbol, IMethodSymbol) y) =>
            SymbolEqualityComparer.Default.Equals(x.Item1, y.Item1) && SymbolEqualityComparer.Default.Equals(x.Item2, y.Item2);

        public int GetHashCode((IMethodSymbol, IMethodSymbol) edge) =>
            SymbolEqualityComparer.Default.GetHashCode(edge.Item1) * 31 + SymbolEqualityComparer.Default.GetHashCode(edge.Item2);
    }
}

/// <summary>Orders methods by where they are declared (file, then position), for deterministic walks.</summary>
internal static class SourceOrder
{
    public static string Key(IMethodSymbol method) =>
        method.Locations.FirstOrDefault() is { IsInSource: true } location
            ? $"{location.SourceTree?.FilePath}\u0000{location.SourceSpan.Start:D10}"
            : method.ToDisplayString();
}

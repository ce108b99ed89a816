using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Flow;

/// <summary>
/// EBPF0014: stack use over 512 bytes, in one method or along a chain of calls from a program. Counts only the
/// stack the compiler always allocates (<see cref="StackEstimate"/>), so it is a lower bound: where it fires, the
/// compiler's own check (EBPF1010) fails the build too. Reported at the item that crosses 512 bytes in a method's own
/// body, or at the call of a program that starts a chain of calls crossing it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StackSizeAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = FlowRules.Rule(
        DiagnosticIds.StackSize,
        "Stack use over 512 bytes",
        "{0} needs at least {1} bytes of stack{2}; eBPF allows 512 per program, across calls, and the verifier rejects more (\"combined stack size of 2 calls is 608. Too large\", or \"invalid write to stack R10 off=-520 size=8\"). Use smaller buffers or keep large data in a per-CPU array map.",
        "The eBPF stack is 512 bytes for a program and every function it calls, fixed at load time.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => FlowRules.Of(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        FlowRules.RegisterMethodBodies(context, (block, body, method, isProgram) =>
        {
            var items = StackEstimate.Items(method, body);
            long running = 0;
            foreach (var item in items)
            {
                running += item.Bytes;
                if (running > StackEstimate.Limit)
                {
                    var breakdown = string.Join(", ", items.TakeWhile(candidate => candidate.Node.SpanStart <= item.Node.SpanStart).Select(candidate => $"{candidate.What}: {candidate.Bytes}"));
                    block.ReportDiagnostic(Diagnostic.Create(Rule, item.Node.GetLocation(), $"'{method.Name}'", running, $" ({breakdown})"));
                    return;
                }
            }
            if (!isProgram)
                return;
            var reachability = ProgramReachability.For(block.Compilation, block.CancellationToken);
            var (bytes, chain) = StackEstimate.For(block.Compilation).Deepest(method, reachability, block.CancellationToken);
            if (bytes <= StackEstimate.Limit || method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(block.CancellationToken) is not MethodDeclarationSyntax declaration)
                return;
            var path = string.Join(" → ", chain.Select(callee => callee.Name));
            // At the call that starts the deepest chain (where the stack goes over), else at the program's name.
            var call = chain.Count > 1
                ? body.Descendants().OfType<IInvocationOperation>().FirstOrDefault(invocation =>
                    SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, chain[1]))
                : null;
            var location = call?.Syntax.GetLocation() ?? declaration.Identifier.GetLocation();
            block.ReportDiagnostic(Diagnostic.Create(Rule, location, $"'{method.Name}' with the methods it calls", bytes, $" ({path})"));
        });
    }
}

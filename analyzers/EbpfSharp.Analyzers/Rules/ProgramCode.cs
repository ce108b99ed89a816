using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// What the rules share: registering actions that run only on code compiled to eBPF (the methods
/// <see cref="ProgramReachability"/> finds), the descriptors' common shape, and type tests.
/// </summary>
internal static class ProgramCode
{
    /// <summary>A descriptor in the analyzers' category, with its help link to docs/diagnostics.md.</summary>
    public static DiagnosticDescriptor Rule(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(id, title, message, DiagnosticIds.Category, severity, isEnabledByDefault: true,
            helpLinkUri: DiagnosticIds.HelpLinkBase + id.ToLowerInvariant());

    /// <summary>
    /// Runs <paramref name="action"/> on operations of <paramref name="kinds"/> in methods compiled to eBPF. Code in a
    /// lambda's body is not compiled (EBPF0007 reports the lambda), nor is a local function's unless it is called.
    /// </summary>
    public static void RegisterOperations(AnalysisContext context, Action<OperationAnalysisContext, ProgramReachability, IMethodSymbol> action, params OperationKind[] kinds)
    {
        context.RegisterCompilationStartAction(start =>
            start.RegisterOperationAction(operationContext =>
            {
                if (ReachedMethod(operationContext.Operation, operationContext.ContainingSymbol, operationContext.Compilation, operationContext.CancellationToken) is { } reached)
                    action(operationContext, reached.Reachability, reached.Method);
            }, ImmutableArray.Create(kinds)));
    }

    /// <summary>Runs <paramref name="action"/> on every method (including local functions and accessors) compiled to eBPF.</summary>
    public static void RegisterMethods(AnalysisContext context, Action<ReachedMethod> action)
    {
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterSymbolAction(symbolContext =>
            {
                var method = (IMethodSymbol)symbolContext.Symbol;
                var reachability = ProgramReachability.For(symbolContext.Compilation, symbolContext.CancellationToken);
                if (reachability.IsReached(method, out var roots))
                    action(new ReachedMethod(method, roots, reachability, symbolContext.Compilation, symbolContext.ReportDiagnostic, symbolContext.CancellationToken));
            }, SymbolKind.Method);
            // Local functions are not symbols the compilation hands to symbol actions: find them in operation blocks.
            start.RegisterOperationAction(operationContext =>
            {
                var function = (ILocalFunctionOperation)operationContext.Operation;
                var reachability = ProgramReachability.For(operationContext.Compilation, operationContext.CancellationToken);
                if (reachability.IsReached(function.Symbol, out var roots))
                    action(new ReachedMethod(function.Symbol, roots, reachability, operationContext.Compilation, operationContext.ReportDiagnostic, operationContext.CancellationToken));
            }, OperationKind.LocalFunction);
        });
    }

    /// <summary>
    /// Runs <paramref name="action"/> once per body compiled to eBPF with the body's operations: a lambda's body is
    /// left out (not compiled), and so is a local function's unless code compiled to eBPF calls it.
    /// </summary>
    public static void RegisterBodies(AnalysisContext context, Action<OperationBlockAnalysisContext, ImmutableArray<IOperation>> action)
    {
        context.RegisterCompilationStartAction(start =>
            start.RegisterOperationBlockAction(blockContext =>
            {
                var method = blockContext.OwningSymbol as IMethodSymbol;
                if (method is null)
                    return;
                var reachability = ProgramReachability.For(blockContext.Compilation, blockContext.CancellationToken);
                if (!reachability.IsReached(method, out _))
                    return;
                var operations = ImmutableArray.CreateBuilder<IOperation>();
                foreach (var block in blockContext.OperationBlocks)
                    Collect(block, reachability, operations);
                action(blockContext, operations.ToImmutable());
            }));
    }

    private static void Collect(IOperation operation, ProgramReachability reachability, ImmutableArray<IOperation>.Builder operations)
    {
        if (operation is IAnonymousFunctionOperation or IAttributeOperation or IParameterInitializerOperation
            || operation is ILocalFunctionOperation function && !reachability.IsReached(function.Symbol, out _))
            return;
        operations.Add(operation);
        foreach (var child in operation.ChildOperations)
            Collect(child, reachability, operations);
    }

    /// <summary>The eBPF-compiled method an operation belongs to, or null when its code is not compiled to eBPF.</summary>
    public static (ProgramReachability Reachability, IMethodSymbol Method)? ReachedMethod(IOperation operation, ISymbol containingSymbol, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        IMethodSymbol? method = null;
        if (operation is IAttributeOperation or IParameterInitializerOperation)
            return null;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            // Lambda bodies are not compiled; attribute arguments and parameter defaults are metadata, not code.
            if (current is IAnonymousFunctionOperation or IAttributeOperation or IParameterInitializerOperation)
                return null;
            if (current is ILocalFunctionOperation function)
            {
                method = function.Symbol;
                break;
            }
        }
        method ??= containingSymbol switch
        {
            IMethodSymbol containing => containing,
            IPropertySymbol property => property.GetMethod,
            _ => null,
        };
        if (method is null)
            return null;
        var reachability = ProgramReachability.For(compilation, cancellationToken);
        return reachability.IsReached(method, out _) ? (reachability, method) : null;
    }

    /// <summary>Whether a type is a program context class (XdpContext, RawTracepointContext).</summary>
    public static bool IsContext(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class } named && named.ContainingNamespace?.ToDisplayString() == "EbpfSharp"
        && named.Name is "XdpContext" or "RawTracepointContext";

    /// <summary>Whether a type is a map class or one of their bases (it derives from EbpfSharp.ProgramMap).</summary>
    public static bool IsMapFamily(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (current.Name == "ProgramMap" && current.ContainingNamespace?.ToDisplayString() == "EbpfSharp")
                return true;
        }
        return false;
    }

    /// <summary>The kernel helper id of a [BpfHelper(id)] method, or null.</summary>
    public static int? HelperId(IMethodSymbol method)
    {
        foreach (var attribute in method.OriginalDefinition.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "EbpfSharp.BpfHelperAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int id)
                return id;
        }
        return null;
    }

    /// <summary>Whether <paramref name="type"/> is float, double or decimal.</summary>
    public static bool IsFloatingPoint(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal;

    /// <summary>The display form used in messages: the type's or method's short name.</summary>
    public static string Describe(IMethodSymbol method) =>
        method.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet && method.AssociatedSymbol is { } property
            ? $"{method.ContainingType.Name}.{property.Name}"
            : $"{method.ContainingType?.Name}.{method.Name}";
}

/// <summary>A method compiled to eBPF, the programs that reach it, and where to report.</summary>
internal sealed record ReachedMethod(
    IMethodSymbol Method,
    ImmutableArray<ProgramRoot> Roots,
    ProgramReachability Reachability,
    Compilation Compilation,
    Action<Diagnostic> Report,
    System.Threading.CancellationToken CancellationToken);

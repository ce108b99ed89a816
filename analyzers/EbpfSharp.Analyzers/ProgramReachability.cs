using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using EbpfSharp.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers;

/// <summary>
/// Which source methods end up in eBPF: the program methods (marked with an attribute deriving from
/// <c>EbpfSharp.ProgramAttribute</c>) and every source method, constructor, accessor or local function they reach
/// through calls. The compiler translates exactly these, so the analyzers check exactly these. Computed once per
/// compilation (lazily, on the first method an analyzer asks about) from the program methods' call graphs.
/// </summary>
internal sealed class ProgramReachability
{
    // One walk per compilation, shared by every analyzer (each registers its own compilation-start action). A walk
    // that was cancelled is not kept (PublicationOnly caches no exception): the next analysis of the compilation
    // walks again.
    private static readonly ConditionalWeakTable<Compilation, Lazy<ProgramReachability>> Cache = new();

    private readonly Dictionary<IMethodSymbol, ImmutableArray<ProgramRoot>> _reached;
    private readonly Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _callees;

    private ProgramReachability(Dictionary<IMethodSymbol, ImmutableArray<ProgramRoot>> reached, Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> callees)
    {
        _reached = reached;
        _callees = callees;
    }

    /// <summary>Every method that is compiled to eBPF, with the programs that reach it.</summary>
    public IReadOnlyDictionary<IMethodSymbol, ImmutableArray<ProgramRoot>> Reached => _reached;

    /// <summary>Whether <paramref name="method"/> is compiled to eBPF; <paramref name="roots"/> are the programs that reach it.</summary>
    public bool IsReached(IMethodSymbol method, out ImmutableArray<ProgramRoot> roots) =>
        _reached.TryGetValue(method.OriginalDefinition, out roots);

    /// <summary>The source methods <paramref name="method"/> calls directly (empty when it is not reached).</summary>
    public ImmutableArray<IMethodSymbol> Callees(IMethodSymbol method) =>
        _callees.TryGetValue(method.OriginalDefinition, out var callees) ? callees : ImmutableArray<IMethodSymbol>.Empty;

    /// <summary>The program attribute on <paramref name="method"/>, or null when it is not a program (the generator's rule too).</summary>
    public static AttributeData? ProgramAttributeOf(IMethodSymbol method) => ProgramAttributes.Of(method);

    /// <summary>The reachability of <paramref name="compilation"/>, computed on first use and shared by the analyzers.</summary>
    public static ProgramReachability For(Compilation compilation, CancellationToken cancellationToken) =>
        Cache.GetValue(compilation, key => new Lazy<ProgramReachability>(() => Compute(key, cancellationToken), LazyThreadSafetyMode.PublicationOnly)).Value;

    /// <summary>Walks the call graph from every program method of <paramref name="compilation"/>.</summary>
    public static ProgramReachability Compute(Compilation compilation, CancellationToken cancellationToken)
    {
        var reached = new Dictionary<IMethodSymbol, HashSet<ProgramRoot>>(SymbolEqualityComparer.Default);
        var callees = new Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);
        foreach (var (program, attribute) in ProgramMethods(compilation, cancellationToken))
        {
            var root = new ProgramRoot(program, attribute.AttributeClass?.Name ?? "");
            var pending = new Stack<IMethodSymbol>();
            pending.Push(program);
            while (pending.Count > 0)
            {
                var method = pending.Pop();
                if (!reached.TryGetValue(method, out var roots))
                    reached[method] = roots = [];
                if (!roots.Add(root))
                    continue;
                if (!callees.TryGetValue(method, out var direct))
                    callees[method] = direct = DirectCallees(compilation, method, cancellationToken);
                foreach (var callee in direct)
                    pending.Push(callee);
            }
        }
        var result = new Dictionary<IMethodSymbol, ImmutableArray<ProgramRoot>>(SymbolEqualityComparer.Default);
        foreach (var pair in reached)
            result[pair.Key] = [.. pair.Value];
        return new ProgramReachability(result, callees);
    }

    private static IEnumerable<(IMethodSymbol Method, AttributeData Attribute)> ProgramMethods(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = tree.GetRoot(cancellationToken);
            SemanticModel? model = null;
            foreach (var declaration in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (declaration.AttributeLists.Count == 0)
                    continue;
                model ??= compilation.GetSemanticModel(tree);
                if (model.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol method && ProgramAttributeOf(method) is { } attribute)
                    yield return (method, attribute);
            }
        }
    }

    /// <summary>The source methods a method's body calls: methods, constructors, property and event accessors, local functions.</summary>
    private static ImmutableArray<IMethodSymbol> DirectCallees(Compilation compilation, IMethodSymbol method, CancellationToken cancellationToken)
    {
        var found = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            var model = compilation.GetSemanticModel(syntax.SyntaxTree);
            if (model.GetOperation(syntax, cancellationToken) is not { } body)
                continue;
            foreach (var operation in body.DescendantsAndSelf())
            {
                IMethodSymbol? target = operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IObjectCreationOperation creation => creation.Constructor,
                    IPropertyReferenceOperation property => IsWrite(property) ? property.Property.SetMethod : property.Property.GetMethod,
                    _ => null,
                };
                if (target?.OriginalDefinition is { } definition && definition.DeclaringSyntaxReferences.Length > 0 && !definition.IsAbstract)
                    found.Add(definition);
            }
        }
        found.Remove(method.OriginalDefinition);
        return [.. found];
    }

    private static bool IsWrite(IPropertyReferenceOperation property) =>
        property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property;
}

/// <summary>A program method that reaches a method, and its kind (the attribute's class name, such as <c>XdpAttribute</c>).</summary>
internal readonly record struct ProgramRoot(IMethodSymbol Program, string AttributeName);

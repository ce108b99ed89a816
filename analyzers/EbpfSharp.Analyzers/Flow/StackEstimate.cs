using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Flow;

/// <summary>One piece of stack a method certainly uses, where it comes from, and its bytes (rounded to 8, as frames are).</summary>
internal readonly record struct StackItem(SyntaxNode Node, string What, long Bytes);

/// <summary>
/// A lower bound of the stack a method needs, counting only memory the compiler always gives a stack frame:
/// <c>stackalloc</c> of a constant size, struct parameters passed by value (the callee's copy), struct locals read
/// as a whole (a copy, a by-value argument: they live in memory) and locals whose address is stored or passed to a
/// helper. Locals the compiler keeps in registers, spills and temporaries are not counted, and struct locals of one
/// type count once (a Release build may share their slot), so the estimate never exceeds what the compiler finds:
/// where it is over 512 bytes, the compiler reports EBPF1010 too.
/// </summary>
internal sealed class StackEstimate
{
    public const long Limit = 512;

    private static readonly ConditionalWeakTable<Compilation, StackEstimate> Cache = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, IReadOnlyList<StackItem>> _own = new(SymbolEqualityComparer.Default);

    private StackEstimate(Compilation compilation) => _compilation = compilation;

    public static StackEstimate For(Compilation compilation) => Cache.GetValue(compilation, key => new StackEstimate(key));

    /// <summary>The stack <paramref name="method"/>'s own body certainly uses.</summary>
    public IReadOnlyList<StackItem> Own(IMethodSymbol method, CancellationToken cancellationToken) =>
        _own.GetOrAdd(method.OriginalDefinition, definition => Compute(definition, cancellationToken));

    /// <summary>
    /// The stack of <paramref name="method"/> and the deepest chain of source methods it calls (inlined or called, each
    /// adds its own frames), with that chain.
    /// </summary>
    public (long Bytes, IReadOnlyList<IMethodSymbol> Chain) Deepest(IMethodSymbol method, ProgramReachability reachability, CancellationToken cancellationToken) =>
        Deepest(method.OriginalDefinition, reachability, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), cancellationToken);

    private (long, IReadOnlyList<IMethodSymbol>) Deepest(IMethodSymbol method, ProgramReachability reachability, HashSet<IMethodSymbol> visiting, CancellationToken cancellationToken)
    {
        if (!visiting.Add(method))
            return (0, Array.Empty<IMethodSymbol>());   // recursion: EBPF0013's business
        long own = Own(method, cancellationToken).Sum(item => item.Bytes);
        long deepest = 0;
        IReadOnlyList<IMethodSymbol> chain = Array.Empty<IMethodSymbol>();
        foreach (var callee in reachability.Callees(method))
        {
            var (bytes, calleeChain) = Deepest(callee.OriginalDefinition, reachability, visiting, cancellationToken);
            if (bytes > deepest)
            {
                deepest = bytes;
                chain = calleeChain;
            }
        }
        visiting.Remove(method);
        return (own + deepest, [method, .. chain]);
    }

    private IReadOnlyList<StackItem> Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var items = new List<StackItem>();
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
            if (model.GetOperation(syntax, cancellationToken) is { } body)
                items.AddRange(Items(method, body));
        }
        return items;
    }

    /// <summary>The stack items of one body, in source order.</summary>
    public static IReadOnlyList<StackItem> Items(IMethodSymbol method, IOperation body)
    {
        var items = new List<StackItem>();
        if (!IsMapType(method.ContainingType))
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind == RefKind.None && IsStruct(parameter.Type) && TypeLayout.PackedSize(parameter.Type) is { } size && parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } node)
                    items.Add(new StackItem(node, $"struct parameter '{parameter.Name}' (a copy)", Round(size)));
            }
        }
        var countedTypes = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var countedLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in body.Descendants())
        {
            if (IsInsideFunction(operation, body))
                continue;
            switch (operation)
            {
                case { Kind: OperationKind.None, Syntax: Microsoft.CodeAnalysis.CSharp.Syntax.StackAllocArrayCreationExpressionSyntax creation }
                    when creation.Type is Microsoft.CodeAnalysis.CSharp.Syntax.ArrayTypeSyntax { RankSpecifiers.Count: 1 } arrayType && arrayType.RankSpecifiers[0].Sizes.Count == 1 && arrayType.RankSpecifiers[0].Sizes[0] is var sizeSyntax:
                {
                    var model = operation.SemanticModel;
                    var elementType = model?.GetTypeInfo(arrayType.ElementType).Type;
                    var count = model?.GetConstantValue(sizeSyntax);
                    if (elementType is not null && count is { HasValue: true, Value: { } value } && TypeLayout.PackedSize(elementType) is { } elementSize)
                    {
                        long bytes = Convert.ToInt64(value) * elementSize;
                        if (bytes > 0)
                            items.Add(new StackItem(operation.Syntax, $"'{operation.Syntax}'", Round(bytes)));
                    }
                    break;
                }
                case ILocalReferenceOperation local when InMemory(local) && countedLocals.Add(local.Local) && countedTypes.Add(local.Local.Type)
                    && TypeLayout.PackedSize(local.Local.Type) is { } size:
                    items.Add(new StackItem(local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() ?? local.Syntax, $"local '{local.Local.Name}' ({local.Local.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)})", Round(size)));
                    break;
            }
        }
        return [.. items.OrderBy(item => item.Node.SpanStart)];
    }

    /// <summary>Whether the compiler must keep this local in memory: a struct read whole, or an address that escapes.</summary>
    private static bool InMemory(ILocalReferenceOperation reference)
    {
        if (reference.Local.RefKind != RefKind.None || reference.Local.IsConst)
            return false;
        var parent = reference.Parent;
        if (parent is IAddressOfOperation address)
        {
            // &local stored, passed to a helper or offset: the address leaves the compiler's view of the local.
            var user = address.Parent is IConversionOperation conversion ? conversion.Parent : address.Parent;
            return user switch
            {
                ISimpleAssignmentOperation assignment => assignment.Value == address || assignment.Value == address.Parent,
                IVariableInitializerOperation => true,
                IArgumentOperation { Parent: IInvocationOperation invocation } => invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty,
                IBinaryOperation => true,
                _ => false,
            };
        }
        if (!IsStruct(reference.Local.Type))
            return false;
        // A struct local used as a whole value: copied to another location or passed by value.
        return parent switch
        {
            ISimpleAssignmentOperation assignment => assignment.Value == reference,
            IVariableInitializerOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind == RefKind.None,
            IReturnOperation => true,
            _ => false,
        };
    }

    private static bool IsStruct(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Struct && type.SpecialType == SpecialType.None && !type.IsRefLikeType;

    private static bool IsMapType(INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type is { Name: "ProgramMap", ContainingNamespace: { Name: "EbpfSharp", ContainingNamespace.IsGlobalNamespace: true } })
                return true;
        }
        return false;
    }

    private static bool IsInsideFunction(IOperation operation, IOperation root)
    {
        for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is ILocalFunctionOperation or IAnonymousFunctionOperation)
                return true;
        }
        return false;
    }

    private static long Round(long bytes) => (bytes + 7) / 8 * 8;
}

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
        var inMemory = new List<(ILocalSymbol Local, SyntaxNode Node)>();
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
                case ILocalReferenceOperation local when InMemory(local):
                    inMemory.Add((local.Local, local.Syntax));
                    break;
                case IFieldReferenceOperation { Field.IsFixedSizeBuffer: true } buffer when RootLocal(buffer) is { } owner && Escapes(buffer):
                    inMemory.Add((owner.Local, owner.Syntax));
                    break;
            }
        }
        // Locals of one type whose scopes nest are alive together and need their own frames; locals in disjoint
        // scopes may share one slot (Release builds), so only the deepest nesting of each type counts.
        var locals = inMemory.GroupBy(entry => entry.Local, SymbolEqualityComparer.Default).Select(group => (Local: (ILocalSymbol)group.Key!, Scope: ScopeOf((ILocalSymbol)group.Key!))).ToList();
        foreach (var byType in locals.GroupBy(entry => entry.Local.Type, SymbolEqualityComparer.Default))
        {
            if (TypeLayout.PackedSize(byType.First().Local.Type) is not { } size)
                continue;
            var members = byType.ToList();
            var deepest = members
                .Select(member => members.Where(other => other.Scope is not null && member.Scope is not null && other.Scope.Span.Contains(member.Scope.Span)).ToList())
                .OrderByDescending(chain => chain.Count)
                .First();
            if (deepest.Count == 0)
                deepest = [members[0]];
            foreach (var (local, _) in deepest)
            {
                var node = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
                if (node is not null)
                    items.Add(new StackItem(node, $"local '{local.Name}' ({local.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)})", Round(size)));
            }
        }
        return [.. items.OrderBy(item => item.Node.SpanStart)];
    }

    /// <summary>The block (or other scope) a local is declared in.</summary>
    private static SyntaxNode? ScopeOf(ILocalSymbol local) =>
        local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } declaration
            ? declaration.Ancestors().FirstOrDefault(ancestor => ancestor is Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.SwitchSectionSyntax
                or Microsoft.CodeAnalysis.CSharp.Syntax.ForStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax)
            : null;

    /// <summary>The local a fixed buffer belongs to (local.Buffer, local.Inner.Buffer), or null.</summary>
    private static ILocalReferenceOperation? RootLocal(IFieldReferenceOperation field)
    {
        IOperation? current = field.Instance;
        while (current is IFieldReferenceOperation inner)
            current = inner.Instance;
        return current as ILocalReferenceOperation;
    }

    /// <summary>Whether a fixed buffer's address (what the buffer reads as) leaves as a value: stored, passed to a helper, offset.</summary>
    private static bool Escapes(IOperation buffer)
    {
        var user = buffer.Parent;
        var value = buffer;
        while (user is IConversionOperation conversion)
        {
            value = conversion;
            user = conversion.Parent;
        }
        return user switch
        {
            ISimpleAssignmentOperation assignment => assignment.Value == value,
            IVariableInitializerOperation => true,
            IArgumentOperation { Parent: IInvocationOperation invocation } => invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty,
            IBinaryOperation => true,
            _ => false,
        };
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

    private static bool IsMapType(INamedTypeSymbol? type) => Rules.ProgramCode.IsMapFamily(type);

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

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Flow;

/// <summary>
/// A forward dataflow over a method's Roslyn <see cref="ControlFlowGraph"/> that follows pointer locals: packet
/// pointers (<c>ctx.Data</c> plus constant offsets, <c>TryGet</c> results), the checks that prove packet bytes
/// (<c>if (data + n &gt; ctx.DataEnd) return …;</c>, <c>TryGet</c> returning true), the packet generation that
/// <c>Bpf.XdpAdjustHead/Tail/Meta</c> ends, and the null-ness of map results (<c>Lookup</c>, <c>Reserve</c>).
/// Anything it cannot follow (a pointer stored in a struct, passed by reference, computed with a variable offset, a
/// comparison kept in a bool) makes it forget the fact instead of guessing: the rules built on it must stay quiet on
/// code the verifier accepts.
/// </summary>
internal sealed class PointerFlow
{
    private const int MaxVisitsPerBlock = 40;

    private readonly HashSet<ILocalSymbol> _tracked;
    private readonly Dictionary<int, SyntaxNode> _generationSites = new();
    private Dictionary<(FindingKind, TextSpanKey), PointerFinding>? _findings;

    private PointerFlow(HashSet<ILocalSymbol> tracked) => _tracked = tracked;

    /// <summary>
    /// The findings in <paramref name="body"/>. A program method starts with no packet bytes proven; a method it calls
    /// starts with "unknown" (its caller may have checked), so only its own TryGet results and map results are judged.
    /// </summary>
    public static ImmutableArray<PointerFinding> Analyze(IMethodBodyOperation body, bool isProgram, CancellationToken cancellationToken)
    {
        var cfg = ControlFlowGraph.Create(body, cancellationToken);
        if (HasExceptionRegions(cfg.Root))
            return ImmutableArray<PointerFinding>.Empty;
        var flow = new PointerFlow(TrackedLocals(body));
        var initial = new FlowState { Generation = 0, KnownLength = isProgram ? 0 : FlowState.UnknownLength };
        var states = flow.Solve(cfg, initial, cancellationToken);
        if (states is null)
            return ImmutableArray<PointerFinding>.Empty;
        flow._findings = new Dictionary<(FindingKind, TextSpanKey), PointerFinding>();
        foreach (var block in cfg.Blocks)
        {
            if (states[block.Ordinal] is { } state)
                flow.Transfer(block, state.Clone());
        }
        return [.. flow._findings.Values.OrderBy(finding => finding.Node.SpanStart)];
    }

    private static bool HasExceptionRegions(ControlFlowRegion region) =>
        region.Kind is ControlFlowRegionKind.Try or ControlFlowRegionKind.Catch or ControlFlowRegionKind.Finally or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler or ControlFlowRegionKind.TryAndCatch or ControlFlowRegionKind.TryAndFinally
        || region.NestedRegions.Any(HasExceptionRegions);

    /// <summary>Pointer locals whose every write the analysis sees: not captured, not passed by reference (TryGet's out excepted), address not taken.</summary>
    private static HashSet<ILocalSymbol> TrackedLocals(IMethodBodyOperation body)
    {
        var candidates = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var excluded = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case ILocalReferenceOperation reference when reference.Local.Type is IPointerTypeSymbol && reference.Local.RefKind == RefKind.None:
                    candidates.Add(reference.Local);
                    if (IsInsideFunction(reference, body))
                        excluded.Add(reference.Local);
                    break;
                case IAddressOfOperation { Reference: ILocalReferenceOperation address }:
                    excluded.Add(address.Local);
                    break;
                case IArgumentOperation { Parameter.RefKind: not RefKind.None, Value: var value } argument
                    when !(argument.Parent is IInvocationOperation invocation && IsTryGet(invocation.TargetMethod)):
                    if (Unwrap(value) is ILocalReferenceOperation byReference)
                        excluded.Add(byReference.Local);
                    break;
            }
        }
        candidates.ExceptWith(excluded);
        return candidates;
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

    private static IOperation Unwrap(IOperation operation) =>
        operation is IDeclarationExpressionOperation declaration ? declaration.Expression : operation;

    // ---- the fixpoint ----

    private FlowState?[]? Solve(ControlFlowGraph cfg, FlowState initial, CancellationToken cancellationToken)
    {
        var states = new FlowState?[cfg.Blocks.Length];
        var visits = new int[cfg.Blocks.Length];
        states[0] = initial;
        var pending = new SortedSet<int> { 0 };
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int ordinal = pending.Min;
            pending.Remove(ordinal);
            if (++visits[ordinal] > MaxVisitsPerBlock)
                return null;   // not converging: say nothing rather than something wrong
            foreach (var (target, state) in Transfer(cfg.Blocks[ordinal], states[ordinal]!.Clone()))
            {
                var before = states[target.Ordinal];
                var after = before is null ? state : FlowState.Join(before, state);
                if (before is null || !after.Equals(before))
                {
                    states[target.Ordinal] = after;
                    pending.Add(target.Ordinal);
                }
            }
        }
        return states;
    }

    private List<(BasicBlock Target, FlowState State)> Transfer(BasicBlock block, FlowState state)
    {
        foreach (var operation in block.Operations)
            Eval(operation, state);
        var successors = new List<(BasicBlock, FlowState)>(2);
        if (block.BranchValue is { } branch && block.ConditionKind != ControlFlowConditionKind.None)
        {
            var (whenTrue, whenFalse) = Refine(branch, state);
            bool jumpsWhenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
            if (block.ConditionalSuccessor?.Destination is { } jump)
                successors.Add((jump, jumpsWhenTrue ? whenTrue : whenFalse));
            if (block.FallThroughSuccessor?.Destination is { } next)
                successors.Add((next, jumpsWhenTrue ? whenFalse : whenTrue));
            return successors;
        }
        if (block.BranchValue is { } value)
            Escape(Eval(value, state), state);
        if (block.FallThroughSuccessor?.Destination is { } fallThrough)
            successors.Add((fallThrough, state));
        return successors;
    }

    // ---- conditions ----

    private (FlowState WhenTrue, FlowState WhenFalse) Refine(IOperation condition, FlowState state)
    {
        if (!IsBranchCondition(condition.Syntax))
        {
            // A condition whose value is kept (bool ok = a && ctx.TryGet(...)): its facts are not followed.
            Escape(Eval(condition, state), state);
            return (state, state.Clone());
        }
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
            {
                var (whenTrue, whenFalse) = Refine(not.Operand, state);
                return (whenFalse, whenTrue);
            }
            case IInvocationOperation invocation when IsTryGet(invocation.TargetMethod):
                return RefineTryGet(invocation, state);
            case IBinaryOperation binary when IsPointer(StripConversions(binary.LeftOperand).Type) || IsPointer(StripConversions(binary.RightOperand).Type):
                return RefineComparison(binary, state);
            case IIsPatternOperation pattern when IsPointer(pattern.Value.Type) && NullPattern(pattern.Pattern) is { } isNull:
            {
                var value = Eval(pattern.Value, state);
                var (equal, different) = SplitOnNull(value, state);
                return isNull ? (equal, different) : (different, equal);
            }
            default:
                Escape(Eval(condition, state), state);
                return (state, state.Clone());
        }
    }

    /// <summary>Whether a condition's value only steers a branch: it sits in an if, loop or ?: condition, through !, &amp;&amp;, || and parentheses.</summary>
    private static bool IsBranchCondition(SyntaxNode node)
    {
        var current = node;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case ParenthesizedExpressionSyntax:
                case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                case BinaryExpressionSyntax logical when logical.IsKind(SyntaxKind.LogicalAndExpression) || logical.IsKind(SyntaxKind.LogicalOrExpression):
                    current = parent;
                    continue;
                case IfStatementSyntax statement:
                    return statement.Condition == current;
                case WhileStatementSyntax statement:
                    return statement.Condition == current;
                case DoStatementSyntax statement:
                    return statement.Condition == current;
                case ForStatementSyntax statement:
                    return statement.Condition == current;
                case ConditionalExpressionSyntax conditional:
                    return conditional.Condition == current;
                default:
                    return false;
            }
        }
        return false;
    }

    private (FlowState, FlowState) RefineTryGet(IInvocationOperation invocation, FlowState state)
    {
        EvalArguments(invocation, state, skipOut: true);
        var whenTrue = state.Clone();
        var whenFalse = state;
        var offsetArgument = invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == 0);
        var outArgument = invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.RefKind == RefKind.Out);
        long? offset = offsetArgument is null ? null : ConstantOf(offsetArgument.Value);
        var target = outArgument is null ? null : TrackedLocal(Unwrap(outArgument.Value));
        var pointedAt = (outArgument?.Parameter?.Type as IPointerTypeSymbol)?.PointedAtType
            ?? (invocation.TargetMethod.TypeArguments.FirstOrDefault());
        long proven = pointedAt is null ? FlowState.UnknownLength : TypeLayout.NaturalSize(pointedAt) ?? FlowState.UnknownLength;
        if (state.Generation == FlowState.ConflictingGeneration)
        {
            if (target is not null)
                whenTrue.Set(target, PointerValue.Unknown);
        }
        else if (offset is { } constant)
        {
            if (target is not null)
                whenTrue.Set(target, new PointerValue(PointerKind.Packet, state.Generation, constant, invocation));
            whenTrue.KnownLength = proven == FlowState.UnknownLength || whenTrue.KnownLength == FlowState.UnknownLength
                ? FlowState.UnknownLength
                : System.Math.Max(whenTrue.KnownLength, constant + proven);
        }
        else if (target is not null)
        {
            whenTrue.Set(target, new PointerValue(PointerKind.Anchored, state.Generation, 0, invocation));
            whenTrue.AnchorRanges[invocation] = proven;
        }
        if (target is not null)
            whenFalse.Set(target, new PointerValue(PointerKind.TryGetFailed, state.Generation, 0, invocation));
        return (whenTrue, whenFalse);
    }

    private (FlowState, FlowState) RefineComparison(IBinaryOperation binary, FlowState state)
    {
        var left = Eval(binary.LeftOperand, state);
        var right = Eval(binary.RightOperand, state);
        var kind = binary.OperatorKind;
        if (kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)
        {
            PointerValue? compared = IsNullConstant(binary.RightOperand) ? left : IsNullConstant(binary.LeftOperand) ? right : null;
            if (compared is { } value)
            {
                var (equal, different) = SplitOnNull(value, state);
                return kind == BinaryOperatorKind.Equals ? (equal, different) : (different, equal);
            }
        }
        var whenTrue = state.Clone();
        var whenFalse = state;
        if (left.Kind == PointerKind.End && right.Kind != PointerKind.End)
        {
            (left, right) = (right, left);
            kind = Mirror(kind);
        }
        if (right.Kind == PointerKind.End && kind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
            && left.Kind is PointerKind.Packet or PointerKind.Anchored && left.Generation == right.Generation && right.Generation == state.Generation)
        {
            // A ≤ DataEnd proves [.., A); A < DataEnd one byte more.
            var (proving, length) = kind switch
            {
                BinaryOperatorKind.GreaterThan => (whenFalse, left.Offset),
                BinaryOperatorKind.GreaterThanOrEqual => (whenFalse, left.Offset + 1),
                BinaryOperatorKind.LessThan => (whenTrue, left.Offset + 1),
                _ => (whenTrue, left.Offset),
            };
            if (left.Kind == PointerKind.Packet)
            {
                if (proving.KnownLength != FlowState.UnknownLength)
                    proving.KnownLength = System.Math.Max(proving.KnownLength, length);
            }
            else if (left.Site is not null && proving.AnchorRanges.TryGetValue(left.Site, out var range) && range != FlowState.UnknownLength)
            {
                proving.AnchorRanges[left.Site] = System.Math.Max(range, length);
            }
            return (whenTrue, whenFalse);
        }
        if (IsPacketLike(left) || IsPacketLike(right) || right.Kind == PointerKind.End)
        {
            // A comparison with packet pointers the analysis cannot read (a variable offset, DataMeta, ==): stop judging.
            whenTrue.ForgetLengths();
            whenFalse.ForgetLengths();
        }
        Escape(left, whenTrue);
        Escape(right, whenTrue);
        Escape(left, whenFalse);
        Escape(right, whenFalse);
        return (whenTrue, whenFalse);
    }

    private static bool IsPacketLike(PointerValue value) => value.Kind is PointerKind.Packet or PointerKind.Anchored or PointerKind.End;

    private static BinaryOperatorKind Mirror(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        _ => kind,
    };

    /// <summary>The states where <paramref name="value"/> is null and where it is not.</summary>
    private static (FlowState Equal, FlowState Different) SplitOnNull(PointerValue value, FlowState state)
    {
        var equal = state.Clone();
        var different = state;
        if (value.Site is null)
            return (equal, different);
        if (value.Kind == PointerKind.Nullable)
        {
            foreach (var local in state.Locals.Where(pair => ReferenceEquals(pair.Value.Site, value.Site) && pair.Value.Kind == PointerKind.Nullable).Select(pair => pair.Key).ToList())
            {
                equal.Set(local, state.Get(local).WithNull(NullState.Null));
                different.Set(local, state.Get(local).WithNull(NullState.NotNull));
            }
        }
        else if (value.Kind is PointerKind.TryGetFailed or PointerKind.TryGetUnchecked)
        {
            // The CLR's TryGet nulls the pointer when it fails; checking that is a check the analysis accepts.
            different.Forget(value.Site);
        }
        return (equal, different);
    }

    private static bool? NullPattern(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant when IsNullConstant(constant.Value) => true,
        INegatedPatternOperation { Pattern: IConstantPatternOperation constant } when IsNullConstant(constant.Value) => false,
        _ => null,
    };

    private static bool IsNullConstant(IOperation operation)
    {
        var stripped = StripConversions(operation);
        return stripped is IDefaultValueOperation
            || stripped.ConstantValue is { HasValue: true, Value: null }
            || stripped.ConstantValue is { HasValue: true, Value: 0 or 0L or 0U or 0UL } && operation.Type is IPointerTypeSymbol;
    }

    // ---- evaluation ----

    private PointerValue Eval(IOperation operation, FlowState state)
    {
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return _tracked.Contains(local.Local) ? state.Get(local.Local) : PointerValue.Unknown;
            case IDeclarationExpressionOperation declaration:
                return Eval(declaration.Expression, state);
            case IConversionOperation conversion:
            {
                var value = Eval(conversion.Operand, state);
                if (IsPointer(conversion.Type) && IsPointer(conversion.Operand.Type))
                    return value;
                Escape(value, state);
                return PointerValue.Unknown;
            }
            case IPropertyReferenceOperation property:
                return Property(property, state);
            case IFieldReferenceOperation field:
                return Field(field, state, address: false);
            case IAddressOfOperation { Reference: IFieldReferenceOperation field }:
                return Field(field, state, address: true);
            case ISimpleAssignmentOperation assignment:
                return Assign(assignment, state);
            case ICompoundAssignmentOperation compound:
                return CompoundAssign(compound, state);
            case IIncrementOrDecrementOperation increment:
                return Increment(increment, state);
            case IInvocationOperation invocation:
                return Invoke(invocation, state);
            case IBinaryOperation binary:
                return Binary(binary, state);
            case IFlowCaptureReferenceOperation:
                return PointerValue.Unknown;
        }
        if (Dereference(operation) is var (pointer, index))
        {
            Access(operation, pointer, index, 0, SizeOfPointee(pointer), state);
            return PointerValue.Unknown;
        }
        foreach (var child in operation.ChildOperations)
            Escape(Eval(child, state), state);
        return PointerValue.Unknown;
    }

    private PointerValue Assign(ISimpleAssignmentOperation assignment, FlowState state)
    {
        if (TrackedLocal(Unwrap(assignment.Target)) is { } local)
        {
            var value = Eval(assignment.Value, state);
            state.Set(local, value);
            return value;
        }
        Eval(assignment.Target, state);
        Escape(Eval(assignment.Value, state), state);
        return PointerValue.Unknown;
    }

    private PointerValue CompoundAssign(ICompoundAssignmentOperation compound, FlowState state)
    {
        if (TrackedLocal(compound.Target) is { } local)
        {
            var value = Arithmetic(state.Get(local), compound.OperatorKind, compound.Value, compound.Target.Type, compound, state);
            state.Set(local, value);
            return value;
        }
        Eval(compound.Target, state);
        Escape(Eval(compound.Value, state), state);
        return PointerValue.Unknown;
    }

    private PointerValue Increment(IIncrementOrDecrementOperation increment, FlowState state)
    {
        if (TrackedLocal(increment.Target) is { } local)
        {
            var before = state.Get(local);
            var after = Step(before, increment.Kind == OperationKind.Increment ? 1 : -1, increment.Target.Type, increment, state);
            state.Set(local, after);
            return increment.IsPostfix ? before : after;
        }
        Eval(increment.Target, state);
        return PointerValue.Unknown;
    }

    private PointerValue Binary(IBinaryOperation binary, FlowState state)
    {
        var kind = binary.OperatorKind;
        bool leftPointer = IsPointer(binary.LeftOperand.Type);
        bool rightPointer = IsPointer(binary.RightOperand.Type);
        if (kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract && leftPointer != rightPointer)
        {
            var pointerOperand = leftPointer ? binary.LeftOperand : binary.RightOperand;
            var integerOperand = leftPointer ? binary.RightOperand : binary.LeftOperand;
            var value = Eval(pointerOperand, state);
            return Arithmetic(value, kind, integerOperand, pointerOperand.Type, binary, state);
        }
        var left = Eval(binary.LeftOperand, state);
        var right = Eval(binary.RightOperand, state);
        if (leftPointer && rightPointer && (IsPacketLike(left) || IsPacketLike(right)) && kind is not BinaryOperatorKind.Subtract)
            state.ForgetLengths();   // a packet comparison kept as a value
        Escape(left, state);
        Escape(right, state);
        return PointerValue.Unknown;
    }

    /// <summary><paramref name="pointer"/> ± <paramref name="integer"/> elements.</summary>
    private PointerValue Arithmetic(PointerValue pointer, BinaryOperatorKind kind, IOperation integer, ITypeSymbol? pointerType, IOperation at, FlowState state)
    {
        Eval(integer, state);
        if (kind is not (BinaryOperatorKind.Add or BinaryOperatorKind.Subtract))
            return PointerValue.Unknown;
        long? count = ConstantOf(integer);
        return Step(pointer, count is { } c ? (kind == BinaryOperatorKind.Add ? c : -c) : null, pointerType, at, state);
    }

    private PointerValue Step(PointerValue pointer, long? elements, ITypeSymbol? pointerType, IOperation at, FlowState state)
    {
        if (pointer.Kind == PointerKind.Nullable && pointer.Null != NullState.NotNull)
        {
            Report(FindingKind.NullArithmetic, at.Syntax, pointer, at.Syntax.ToString());
            return PointerValue.Unknown;
        }
        if (pointer.Kind is not (PointerKind.Packet or PointerKind.Anchored) || elements is not { } count)
            return PointerValue.Unknown;
        var elementType = (pointerType as IPointerTypeSymbol)?.PointedAtType;
        long? size = elementType is null ? null : elementType.SpecialType == SpecialType.System_Void ? 1 : TypeLayout.ExactSize(elementType);
        return size is { } s ? pointer.WithOffset(pointer.Offset + count * s) : PointerValue.Unknown;
    }

    private PointerValue Property(IPropertyReferenceOperation property, FlowState state)
    {
        if (property.Instance is { } instance)
        {
            if (Locate(instance, state) is var (pointer, start, _))
                Check(property.Syntax, pointer, start, 1, state);
            else
                Eval(instance, state);
        }
        foreach (var argument in property.Arguments)
            Escape(Eval(argument.Value, state), state);
        if (IsXdpContext(property.Property.ContainingType))
        {
            if (state.Generation == FlowState.ConflictingGeneration)
                return PointerValue.Unknown;
            return property.Property.Name switch
            {
                "Data" => new PointerValue(PointerKind.Packet, state.Generation, 0, null),
                "DataEnd" => new PointerValue(PointerKind.End, state.Generation, 0, null),
                _ => PointerValue.Unknown,
            };
        }
        return PointerValue.Unknown;
    }

    private PointerValue Field(IFieldReferenceOperation field, FlowState state, bool address)
    {
        if (field.Instance is null)
            return PointerValue.Unknown;
        if (Locate(field, state) is not var (pointer, start, node))
        {
            Eval(field.Instance, state);
            return PointerValue.Unknown;
        }
        bool fixedBuffer = field.Field.IsFixedSizeBuffer;
        if (fixedBuffer || address)
        {
            // The address of a field (a fixed buffer reads as its address): pointer arithmetic, no access yet.
            if (pointer.Kind == PointerKind.Nullable && pointer.Null != NullState.NotNull)
            {
                Report(FindingKind.NullDereference, node, pointer, null);
                return PointerValue.Unknown;
            }
            return pointer.Kind is PointerKind.Packet or PointerKind.Anchored && start is { } offset
                ? pointer.WithOffset(pointer.Offset + offset)
                : pointer.Kind is PointerKind.TryGetFailed or PointerKind.TryGetUnchecked ? Checked(node, pointer, state) : PointerValue.Unknown;
        }
        Check(node, pointer, start, TypeLayout.FieldSize(field.Field) ?? 1, state);
        return PointerValue.Unknown;
    }

    private PointerValue Checked(SyntaxNode node, PointerValue pointer, FlowState state)
    {
        Check(node, pointer, 0, 1, state);
        return PointerValue.Unknown;
    }

    /// <summary>
    /// Where a struct location lives when it is memory behind a pointer: <c>*p</c>, <c>p[i]</c>, <c>p-&gt;F.G</c>.
    /// Returns the pointer's value, the byte offset from it (null when variable) and the node to report at.
    /// </summary>
    private (PointerValue Pointer, long? Start, SyntaxNode Node)? Locate(IOperation location, FlowState state)
    {
        long? offset = 0;
        var current = location;
        while (current is IFieldReferenceOperation { Instance: { } instance } field && instance.Type?.IsValueType == true && !field.Field.IsStatic)
        {
            offset = offset is { } o && TypeLayout.PackedOffset(field.Field) is { } fieldOffset ? o + fieldOffset : null;
            current = instance;
        }
        if (Dereference(current) is not var (pointer, index))
            return null;
        var value = Eval(pointer, state);
        long? elementOffset = 0;
        if (index is not null)
        {
            Eval(index, state);
            elementOffset = ConstantOf(index) is { } i && SizeOfPointee(pointer) is var size ? i * size : null;
        }
        long? start = offset is { } a && elementOffset is { } b ? a + b : null;
        var node = location.Syntax;
        return (value, start, node);
    }

    private void Access(IOperation node, IOperation pointer, IOperation? index, long offset, long size, FlowState state)
    {
        var value = Eval(pointer, state);
        long? start = offset;
        if (index is not null)
        {
            Eval(index, state);
            start = ConstantOf(index) is { } i ? offset + i * size : null;
        }
        Check(node.Syntax, value, start, size, state);
    }

    /// <summary>Judges an access of <paramref name="size"/> bytes at <paramref name="start"/> (null: a variable offset) from <paramref name="pointer"/>.</summary>
    private void Check(SyntaxNode node, PointerValue pointer, long? start, long size, FlowState state)
    {
        switch (pointer.Kind)
        {
            case PointerKind.Packet or PointerKind.Anchored when pointer.Generation != state.Generation:
                if (state.Generation != FlowState.ConflictingGeneration)
                    Report(FindingKind.PacketStale, node, pointer, null, generation: state.Generation);
                return;
            case PointerKind.Packet:
            {
                long known = state.KnownLength;
                if (known == FlowState.UnknownLength)
                    return;
                if (start is not { } offset)
                {
                    if (known == 0)
                        Report(FindingKind.PacketNoCheck, node, pointer, null, fromData: true);
                    return;
                }
                long begin = pointer.Offset + offset;
                long end = begin + size;
                if (begin < 0 || end <= known)
                    return;
                Report(known == 0 ? FindingKind.PacketNoCheck : FindingKind.PacketOutOfRange, node, pointer, null, end, known, fromData: true);
                return;
            }
            case PointerKind.Anchored:
            {
                if (pointer.Site is null || !state.AnchorRanges.TryGetValue(pointer.Site, out var range) || range == FlowState.UnknownLength || start is not { } offset)
                    return;
                long begin = pointer.Offset + offset;
                long end = begin + size;
                if (begin >= 0 && end > range)
                    Report(FindingKind.PacketOutOfRange, node, pointer, null, end, range);
                return;
            }
            case PointerKind.TryGetFailed:
                Report(FindingKind.TryGetFailed, node, pointer, null);
                return;
            case PointerKind.TryGetUnchecked:
                Report(FindingKind.TryGetUnchecked, node, pointer, null);
                return;
            case PointerKind.Nullable when pointer.Null != NullState.NotNull:
                Report(FindingKind.NullDereference, node, pointer, null);
                return;
        }
    }

    private PointerValue Invoke(IInvocationOperation invocation, FlowState state)
    {
        var method = invocation.TargetMethod;
        if (invocation.Instance is { } instance)
        {
            if (Locate(instance, state) is var (pointer, start, _))
                Check(invocation.Syntax, pointer, start, 1, state);
            else
                Eval(instance, state);
        }
        if (IsTryGet(method))
        {
            EvalArguments(invocation, state, skipOut: true);
            var outArgument = invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.RefKind == RefKind.Out);
            if (outArgument is not null && TrackedLocal(Unwrap(outArgument.Value)) is { } local)
            {
                bool discarded = invocation.Parent is IExpressionStatementOperation
                    || invocation.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } discard && discard.Parent is IExpressionStatementOperation;
                state.Set(local, discarded && state.Generation != FlowState.ConflictingGeneration
                    ? new PointerValue(PointerKind.TryGetUnchecked, state.Generation, 0, invocation)
                    : PointerValue.Unknown);
            }
            return PointerValue.Unknown;
        }
        bool external = method.DeclaringSyntaxReferences.IsEmpty;
        bool passesContext = false;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out or RefKind.In || argument.Value is IAddressOfOperation)
            {
                Eval(argument.Value, state);
                continue;
            }
            var value = Eval(argument.Value, state);
            passesContext |= IsXdpContext(argument.Value.Type);
            if (value.Kind == PointerKind.Nullable && value.Null != NullState.NotNull && external && IsEbpfSharpApi(method))
                Report(FindingKind.NullArgument, argument.Syntax, value, null);
            else
                Escape(value, state);
        }
        if (IsPacketAdjustment(method))
        {
            int generation = invocation.Syntax.SpanStart + 1;
            _generationSites[generation] = invocation.Syntax;
            state.Generation = generation;
            state.KnownLength = 0;
            state.AnchorRanges.Clear();
        }
        else if (passesContext && !external)
        {
            state.ForgetLengths();   // the callee may check the packet (it is inlined into this program)
        }
        if (IsMapMethod(method) && method.ReturnType is IPointerTypeSymbol)
            return new PointerValue(PointerKind.Nullable, 0, 0, invocation);
        return PointerValue.Unknown;
    }

    private void EvalArguments(IInvocationOperation invocation, FlowState state, bool skipOut)
    {
        if (invocation.Instance is { } instance)
            Eval(instance, state);
        foreach (var argument in invocation.Arguments)
        {
            if (skipOut && argument.Parameter?.RefKind == RefKind.Out)
                continue;
            Escape(Eval(argument.Value, state), state);
        }
    }

    /// <summary>A value used in a way the analysis does not follow: forget what depends on it.</summary>
    private static void Escape(PointerValue value, FlowState state)
    {
        if (value.Site is not null && value.Kind is PointerKind.Nullable or PointerKind.TryGetFailed or PointerKind.TryGetUnchecked)
            state.Forget(value.Site);
    }

    private void Report(FindingKind kind, SyntaxNode node, PointerValue pointer, string? text, long end = 0, long proven = 0, int generation = 0, bool fromData = false)
    {
        if (_findings is null)
            return;
        var key = (kind, new TextSpanKey(node.SpanStart, node.Span.Length));
        if (_findings.ContainsKey(key))
            return;
        var site = kind == FindingKind.PacketStale ? _generationSites.TryGetValue(generation, out var adjust) ? adjust : null : pointer.Site?.Syntax;
        _findings[key] = new PointerFinding(kind, node, text ?? PointerText(node), site, end, proven, fromData);
    }

    /// <summary>The pointer's text in an access: 'p' in p->X, *p, p[i].</summary>
    private static string PointerText(SyntaxNode node) => node switch
    {
        MemberAccessExpressionSyntax member => PointerText(member.Expression),
        PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PointerIndirectionExpression) => unary.Operand.ToString(),
        ElementAccessExpressionSyntax element => element.Expression.ToString(),
        ArgumentSyntax argument => argument.Expression.ToString(),
        InvocationExpressionSyntax invocation => PointerText(invocation.Expression),
        _ => node.ToString(),
    };

    // ---- shapes ----

    /// <summary>A dereference: *p, p[i], or the implicit one in p->X. Returns the pointer and the index (null for none).</summary>
    private static (IOperation Pointer, IOperation? Index)? Dereference(IOperation operation)
    {
        if (operation.Kind != OperationKind.None)
            return null;
        var children = operation.ChildOperations.ToList();
        if (children.Count == 0 || !IsPointer(children[0].Type))
            return null;
        switch (operation.Syntax)
        {
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PointerIndirectionExpression) && children.Count == 1:
                return (children[0], null);
            case ElementAccessExpressionSyntax when children.Count == 2:
                return (children[0], children[1]);
            case ExpressionSyntax expression when children.Count == 1
                && expression.Parent is MemberAccessExpressionSyntax member && member.IsKind(SyntaxKind.PointerMemberAccessExpression) && member.Expression == expression:
                return (children[0], null);
            default:
                return null;
        }
    }

    private static long SizeOfPointee(IOperation pointer) =>
        pointer.Type is IPointerTypeSymbol { PointedAtType: var type } ? TypeLayout.PackedSize(type) ?? 1 : 1;

    private ILocalSymbol? TrackedLocal(IOperation operation) =>
        operation is ILocalReferenceOperation reference && _tracked.Contains(reference.Local) ? reference.Local : null;

    private static IOperation StripConversions(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation;
    }

    private static bool IsPointer(ITypeSymbol? type) => type is IPointerTypeSymbol;

    /// <summary>The value of an integer expression made of constants and sizeof, or null.</summary>
    public static long? ConstantOf(IOperation operation)
    {
        if (operation.ConstantValue is { HasValue: true, Value: { } value })
        {
            return value switch
            {
                int i => i, uint u => u, long l => l, ulong ul when ul <= long.MaxValue => (long)ul,
                short s => s, ushort us => us, byte b => b, sbyte sb => sb, char c => c,
                _ => null,
            };
        }
        switch (operation)
        {
            case IConversionOperation conversion:
                return ConstantOf(conversion.Operand);
            case ISizeOfOperation size:
                return TypeLayout.ExactSize(size.TypeOperand);
            case IBinaryOperation binary when ConstantOf(binary.LeftOperand) is { } left && ConstantOf(binary.RightOperand) is { } right:
                return binary.OperatorKind switch
                {
                    BinaryOperatorKind.Add => left + right,
                    BinaryOperatorKind.Subtract => left - right,
                    BinaryOperatorKind.Multiply => left * right,
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static bool IsXdpContext(ITypeSymbol? type) =>
        type is { Name: "XdpContext", ContainingNamespace: { Name: "EbpfSharp", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool IsTryGet(IMethodSymbol method) => method.Name == "TryGet" && IsXdpContext(method.ContainingType);

    private static bool IsPacketAdjustment(IMethodSymbol method) =>
        method.Name is "XdpAdjustHead" or "XdpAdjustTail" or "XdpAdjustMeta"
        && method.ContainingType is { Name: "Bpf", ContainingNamespace: { Name: "EbpfSharp", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>A method of an EbpfSharp map (every map derives from EbpfSharp.ProgramMap).</summary>
    private static bool IsMapMethod(IMethodSymbol method) => Rules.ProgramCode.IsMapFamily(method.ContainingType);

    /// <summary>EbpfSharp's program API (helpers, maps): a possibly-null pointer passed to it reaches a helper unchecked.</summary>
    private static bool IsEbpfSharpApi(IMethodSymbol method)
    {
        for (var ns = method.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (ns.Name == "EbpfSharp" && ns.ContainingNamespace.IsGlobalNamespace)
                return true;
        }
        return false;
    }

    private readonly record struct TextSpanKey(int Start, int Length);
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Flow;

/// <summary>
/// EBPF0017: a for, while or do loop the verifier cannot prove ends. Reported only when that is certain from the
/// loop itself: it has no exit at all (<c>while (true)</c> without break or return); every exit test is made of
/// constants and locals the loop never writes (a forgotten <c>i++</c>); or a <c>for</c> loop whose counter
/// steps away from its constant bound (<c>i &lt; 16; i--</c>). A loop with any test that reads something the loop
/// changes (a counter, memory, a call) is left alone: whether the verifier can bound <c>i &lt; n</c> depends on
/// what it knows of <c>n</c>, which the analyzer does not.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedLoopAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = FlowRules.Rule(
        DiagnosticIds.UnboundedLoop,
        "Loop without a provable bound",
        "This loop {0}; the verifier cannot prove it ends and rejects the program (\"infinite loop detected\", or \"BPF program is too large. Processed 1000001 insn\"). Count a local against a constant, as in 'for (int i = 0; i < 16 && …; i++)'.",
        "The verifier follows every iteration of a loop; it must be able to see a counter reach a constant bound.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => FlowRules.Of(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        FlowRules.RegisterMethodBodies(context, (block, body, method, isProgram) =>
        {
            var escaped = AddressTaken(body);
            foreach (var loop in body.Descendants().OfType<ILoopOperation>())
            {
                if (loop is not (IForLoopOperation or IWhileLoopOperation) || IsInsideFunction(loop, body))
                    continue;
                if (Problem(loop, escaped) is { } problem)
                    block.ReportDiagnostic(Diagnostic.Create(Rule, Keyword(loop.Syntax).GetLocation(), problem));
            }
        });
    }

    /// <summary>Why <paramref name="loop"/> cannot end, or null when it may.</summary>
    internal static string? Problem(ILoopOperation loop, ISet<ISymbol> escaped)
    {
        var condition = loop switch
        {
            IForLoopOperation forLoop => forLoop.Condition,
            IWhileLoopOperation whileLoop => whileLoop.Condition,
            _ => null,
        };
        if (loop is IWhileLoopOperation { ConditionIsUntil: true })
            return null;
        if (condition?.ConstantValue is { HasValue: true, Value: false })
            return null;   // never repeats
        var written = WrittenIn(loop);
        // Exits: each with the conditions that guard it.
        var exitGuards = new List<List<IOperation>>();
        foreach (var operation in loop.Body.Descendants())
        {
            if (IsInsideFunction(operation, loop))
                continue;
            switch (operation)
            {
                case IBranchOperation { BranchKind: BranchKind.GoTo }:
                case IThrowOperation:
                    return null;   // leaves in a way this rule does not follow
                case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
                case IReturnOperation { Kind: OperationKind.Return }:
                    if (Guards(operation, loop) is not { } guards)
                        return null;
                    if (guards.Count == 0)
                        return null;   // leaves unconditionally: at most one iteration
                    exitGuards.Add(guards);
                    break;
            }
        }
        bool conditionTests = condition is not null && condition.ConstantValue is not { HasValue: true, Value: true };
        if (!conditionTests && exitGuards.Count == 0)
            return "never exits (no break or return and no condition)";
        bool conditionInvariant = !conditionTests || IsInvariant(condition!, written, escaped);
        bool exitsInvariant = exitGuards.All(guards => guards.All(guard => IsInvariant(guard, written, escaped)));
        if (conditionInvariant && exitsInvariant)
        {
            string test = conditionTests ? condition!.Syntax.ToString() : exitGuards[0][0].Syntax.ToString();
            return $"exits only on '{test}', which nothing in the loop changes";
        }
        if (loop is IForLoopOperation forStatement && exitGuards.Count == 0 && conditionTests && WrongDirection(forStatement, written) is { } counter)
            return $"steps '{counter}' away from its bound in '{condition!.Syntax}'";
        if (exitGuards.Count == 0 && conditionTests && WritableGlobalBound(condition!, written) is { } global)
            return $"counts up to '{global}', a global variable the program can change at run time, so the verifier knows no bound for it";
        return null;
    }

    /// <summary>The conditions on the way from the loop body to <paramref name="exit"/>, or null when the way is not made of ifs and blocks.</summary>
    private static List<IOperation>? Guards(IOperation exit, ILoopOperation loop)
    {
        var guards = new List<IOperation>();
        for (var current = exit; current.Parent is { } parent && current != loop.Body; current = parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when current != conditional.Condition:
                    guards.Add(conditional.Condition);
                    break;
                case IBlockOperation:
                case IExpressionStatementOperation:
                    break;
                case ILoopOperation inner when inner != loop:
                    return null;
                default:
                    if (parent == loop)
                        return guards;
                    return null;
            }
        }
        return guards;
    }

    /// <summary>Whether <paramref name="test"/> is made only of constants and locals or parameters the loop does not write.</summary>
    private static bool IsInvariant(IOperation test, ISet<ISymbol> written, ISet<ISymbol> escaped)
    {
        foreach (var operation in test.DescendantsAndSelf())
        {
            switch (operation)
            {
                case ILiteralOperation:
                case IBinaryOperation:
                case IUnaryOperation:
                case IConversionOperation:
                case IParenthesizedOperation:
                    continue;
                case ILocalReferenceOperation local when !written.Contains(local.Local) && !escaped.Contains(local.Local) && local.Local.RefKind == RefKind.None:
                    continue;
                case IParameterReferenceOperation parameter when !written.Contains(parameter.Parameter) && !escaped.Contains(parameter.Parameter) && parameter.Parameter.RefKind == RefKind.None:
                    continue;
                case IFieldReferenceOperation { Field.IsConst: true }:
                    continue;
                default:
                    if (operation.ConstantValue.HasValue)
                        continue;
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The global in a loop condition <c>i &lt; Global</c> (the only exit) when it is a writable static field of 32 or 64
    /// bits: the verifier reads it from the .data/.bss map as an unknown number. (static readonly fields are frozen in
    /// .rodata, constants to the verifier.)
    /// </summary>
    private static string? WritableGlobalBound(IOperation condition, ISet<ISymbol> written)
    {
        if (condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.NotEquals } comparison
            || Variable(comparison.LeftOperand) is not ILocalSymbol counter || !written.Contains(counter))
            return null;
        var bound = comparison.RightOperand;
        while (bound is IConversionOperation conversion)
            bound = conversion.Operand;
        return bound is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: false, IsConst: false } field }
            && field.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            ? field.Name
            : null;
    }

    /// <summary>
    /// The counter of a for loop tested only against a constant (i &lt; 16) and changed only by its step, in the
    /// direction away from the bound, or null.
    /// </summary>
    private static string? WrongDirection(IForLoopOperation loop, ISet<ISymbol> written)
    {
        if (loop.Condition is not IBinaryOperation comparison)
            return null;
        ISymbol? counter = Variable(comparison.LeftOperand);
        var kind = comparison.OperatorKind;
        if (counter is null || comparison.RightOperand.ConstantValue is not { HasValue: true })
            return null;
        int awayFromBound = kind switch
        {
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => -1,
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => 1,
            _ => 0,
        };
        if (awayFromBound == 0 || loop.AtLoopBottom.Length != 1)
            return null;
        int step = loop.AtLoopBottom[0] switch
        {
            IExpressionStatementOperation { Operation: IIncrementOrDecrementOperation increment } when SymbolEqualityComparer.Default.Equals(Variable(increment.Target), counter) =>
                increment.Kind == OperationKind.Increment ? 1 : -1,
            _ => 0,
        };
        if (step != awayFromBound || (counter as ILocalSymbol)?.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64))
            return null;   // narrow or unsigned counters wrap around quickly: the loop ends
        // Entered at all: the counter starts at a constant that passes the test.
        var start = loop.Before.SelectMany(operation => operation.DescendantsAndSelf()).OfType<IVariableDeclaratorOperation>()
            .FirstOrDefault(declarator => SymbolEqualityComparer.Default.Equals(declarator.Symbol, counter))?.Initializer?.Value.ConstantValue;
        if (start is not { HasValue: true, Value: { } first } || !(System.Convert.ToInt64(first) is var value
            && System.Convert.ToInt64(comparison.RightOperand.ConstantValue.Value) is var bound
            && kind switch { BinaryOperatorKind.LessThan => value < bound, BinaryOperatorKind.LessThanOrEqual => value <= bound, BinaryOperatorKind.GreaterThan => value > bound, _ => value >= bound }))
            return null;
        // Written anywhere but the step: not a plain counter.
        foreach (var operation in loop.Body.Descendants())
        {
            if (WrittenSymbol(operation) is { } symbol && SymbolEqualityComparer.Default.Equals(symbol, counter))
                return null;
        }
        return counter.Name;
    }

    private static ISymbol? Variable(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
    }

    private static HashSet<ISymbol> WrittenIn(ILoopOperation loop)
    {
        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        // A for loop's initializer runs once, before the loop: it is not a write inside it.
        var inside = loop is IForLoopOperation forLoop
            ? new[] { forLoop.Condition, forLoop.Body }.Concat(forLoop.AtLoopBottom).Where(operation => operation is not null).SelectMany(operation => operation!.DescendantsAndSelf())
            : loop.DescendantsAndSelf();
        foreach (var operation in inside)
        {
            if (WrittenSymbol(operation) is { } symbol)
                written.Add(symbol);
        }
        return written;
    }

    private static ISymbol? WrittenSymbol(IOperation operation) => operation switch
    {
        ISimpleAssignmentOperation assignment => Variable(assignment.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : assignment.Target),
        ICompoundAssignmentOperation compound => Variable(compound.Target),
        IIncrementOrDecrementOperation increment => Variable(increment.Target),
        IVariableDeclaratorOperation declarator => declarator.Symbol,
        IDeclarationPatternOperation pattern => pattern.DeclaredSymbol,
        IDeconstructionAssignmentOperation => null,
        IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => Variable(argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value),
        _ => null,
    };

    /// <summary>Locals and parameters whose address is taken or that are passed by reference: writes through them are invisible.</summary>
    private static HashSet<ISymbol> AddressTaken(IOperation body)
    {
        var escaped = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IAddressOfOperation address when Variable(address.Reference) is { } symbol:
                    escaped.Add(symbol);
                    break;
                case IArgumentOperation { Parameter.RefKind: not RefKind.None } argument when Variable(argument.Value) is { } symbol:
                    escaped.Add(symbol);
                    break;
                case ILocalReferenceOperation local when IsInsideFunction(local, body):
                    escaped.Add(local.Local);
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    foreach (var target in deconstruction.Target.DescendantsAndSelf())
                    {
                        if (Variable(target) is { } symbol)
                            escaped.Add(symbol);
                    }
                    break;
            }
        }
        return escaped;
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

    private static SyntaxToken Keyword(SyntaxNode loop) => loop switch
    {
        ForStatementSyntax forStatement => forStatement.ForKeyword,
        WhileStatementSyntax whileStatement => whileStatement.WhileKeyword,
        DoStatementSyntax doStatement => doStatement.DoKeyword,
        _ => loop.GetFirstToken(),
    };
}

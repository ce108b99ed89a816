using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0011: checked arithmetic in code compiled to eBPF: <c>+</c>, <c>-</c>, <c>*</c>, negation, <c>++</c>/<c>--</c>,
/// compound assignments and narrowing conversions in a <c>checked</c> expression or block (or with the checked build
/// setting). C# emits the overflow-checking IL (<c>add.ovf</c>, <c>conv.ovf</c>), which throws; eBPF cannot (EBPF1006).
/// Constants C# folds and conversions that cannot overflow are fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CheckedArithmeticAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.CheckedArithmetic,
        "checked arithmetic in a program",
        "'{0}' is checked arithmetic, which throws OverflowException; eBPF programs cannot throw. Remove 'checked' (or the checked build setting) and test for overflow explicitly.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        Register(context);
    }

    private static void Register(AnalysisContext context) =>
        ProgramCode.RegisterOperations(context, (operationContext, _, _) =>
        {
            var operation = operationContext.Operation;
            if (operation.ConstantValue.HasValue || !IsChecked(operation))
                return;
            operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Syntax.GetLocation(), Text.Shorten(operation.Syntax.ToString())));
        }, OperationKind.Binary, OperationKind.Unary, OperationKind.Increment, OperationKind.Decrement, OperationKind.CompoundAssignment, OperationKind.Conversion);

    private static bool IsChecked(IOperation operation) => operation switch
    {
        IBinaryOperation { IsChecked: true, OperatorMethod: null } binary => IsOverflowing(binary.OperatorKind) && IsInteger(binary.Type),
        ICompoundAssignmentOperation { IsChecked: true, OperatorMethod: null } compound => IsOverflowing(compound.OperatorKind) && IsInteger(compound.Target.Type),
        IUnaryOperation { IsChecked: true, OperatorKind: UnaryOperatorKind.Minus, OperatorMethod: null } unary => IsInteger(unary.Type),
        IIncrementOrDecrementOperation { IsChecked: true, OperatorMethod: null } step => IsInteger(step.Type),
        IConversionOperation { IsChecked: true, Conversion.IsNumeric: true, Operand.Type: { } from, Type: { } to } => CanOverflow(from, to),
        _ => false,
    };

    private static bool IsOverflowing(BinaryOperatorKind kind) => kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply;

    private static bool IsInteger(ITypeSymbol? type) => Range(type) is not null;

    /// <summary>Whether a conversion's source has values its target cannot hold (so C# emits conv.ovf).</summary>
    private static bool CanOverflow(ITypeSymbol from, ITypeSymbol to) =>
        Range(from) is { } source && Range(to) is { } target && (source.Min < target.Min || source.Max > target.Max);

    private static (decimal Min, decimal Max)? Range(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
            type = underlying;
        return type?.SpecialType switch
        {
            SpecialType.System_SByte => (sbyte.MinValue, sbyte.MaxValue),
            SpecialType.System_Byte => (byte.MinValue, byte.MaxValue),
            SpecialType.System_Int16 => (short.MinValue, short.MaxValue),
            SpecialType.System_UInt16 or SpecialType.System_Char => (ushort.MinValue, ushort.MaxValue),
            SpecialType.System_Int32 => (int.MinValue, int.MaxValue),
            SpecialType.System_UInt32 => (uint.MinValue, uint.MaxValue),
            SpecialType.System_Int64 or SpecialType.System_IntPtr => (long.MinValue, long.MaxValue),
            SpecialType.System_UInt64 or SpecialType.System_UIntPtr => (ulong.MinValue, ulong.MaxValue),
            _ => null,
        };
    }
}

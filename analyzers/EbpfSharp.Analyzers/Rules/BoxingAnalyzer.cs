using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0003: a value is boxed: converted to <c>object</c>, <c>ValueType</c>, <c>Enum</c> or an interface, or a struct
/// calls a method it inherits from them (<c>GetHashCode</c>, <c>Equals</c>, <c>ToString</c> without an override,
/// <c>GetType</c>, <c>HasFlag</c>), which boxes it first. The compiler reports EBPF1012 (the IL's <c>box</c>) or
/// EBPF1004 (a constrained virtual call).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BoxingAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.Boxing,
        "Boxing in a program",
        "'{0}' boxes a value of type '{1}' ({2}); eBPF programs have no managed heap. Keep values in their own struct or integer types.");

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
            switch (operationContext.Operation)
            {
                case IConversionOperation { Operand.Type: { } from, Type: { } to } conversion when conversion.GetConversion().IsBoxing:
                    operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, conversion.Syntax.GetLocation(),
                        Text.Shorten(conversion.Syntax.ToString()), Display(from), $"converted to '{Display(to)}'"));
                    break;
                case IInvocationOperation invocation when IsInheritedObjectMethod(invocation.TargetMethod, invocation.Instance):
                    operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(),
                        Text.Shorten(invocation.Syntax.ToString()), Display(invocation.Instance!.Type!), $"to call {invocation.TargetMethod.ContainingType.Name}.{invocation.TargetMethod.Name}"));
                    break;
            }
        }, OperationKind.Conversion, OperationKind.Invocation);

    /// <summary>An instance method of object, ValueType or Enum called on a struct (or a type parameter) that does not override it.</summary>
    public static bool IsInheritedObjectMethod(IMethodSymbol method, IOperation? instance) =>
        !method.IsStatic && instance?.Type is { } type && (type.IsValueType || type.TypeKind == TypeKind.TypeParameter && !type.IsReferenceType)
        && method.ContainingType.SpecialType is SpecialType.System_Object or SpecialType.System_ValueType or SpecialType.System_Enum;

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}

using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0004: a managed array in code compiled to eBPF: created (<c>new T[n]</c>, <c>[..]</c>, a <c>params</c> call),
/// held in a local or parameter, read from a field, or returned. Arrays live on the managed heap (EBPF1001). Fixed
/// buffers (<c>fixed byte Name[N]</c>) and <c>stackalloc</c> are not arrays: they are on the stack.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ManagedArrayAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.ManagedArray,
        "Managed array in a program",
        "'{0}' is a managed array ({1}); arrays live on the managed heap, which eBPF programs cannot reach. Use a fixed-size buffer (fixed byte Name[N]) in a struct, stackalloc with a constant size, or a map.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ProgramCode.RegisterOperations(context, (operationContext, _, _) =>
        {
            var operation = operationContext.Operation;
            switch (operation)
            {
                case IArrayCreationOperation or ICollectionExpressionOperation { Type.TypeKind: TypeKind.Array }:
                    Report(operationContext.ReportDiagnostic, operation.Syntax.GetLocation(), operation.Syntax.ToString(), operation.Type!);
                    break;
                case IVariableDeclaratorOperation { Symbol: { Type.TypeKind: TypeKind.Array } local } declarator
                    when declarator.GetVariableInitializer()?.Value is not (IArrayCreationOperation or ICollectionExpressionOperation or IConversionOperation { Operand: IArrayCreationOperation or ICollectionExpressionOperation }):
                    var location = declarator.Syntax is VariableDeclaratorSyntax syntax ? syntax.Identifier.GetLocation() : declarator.Syntax.GetLocation();
                    Report(operationContext.ReportDiagnostic, location, local.Name, local.Type);
                    break;
                case IFieldReferenceOperation { Field.Type.TypeKind: TypeKind.Array } field:
                    Report(operationContext.ReportDiagnostic, field.Syntax.GetLocation(), field.Syntax.ToString(), field.Type!);
                    break;
            }
        }, OperationKind.ArrayCreation, OperationKind.CollectionExpression, OperationKind.VariableDeclarator, OperationKind.FieldReference);

        ProgramCode.RegisterMethods(context, reached =>
        {
            foreach (var parameter in reached.Method.Parameters.Where(parameter => parameter.Type.TypeKind == TypeKind.Array))
            {
                if (parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(reached.CancellationToken) is ParameterSyntax syntax)
                    Report(reached.Report, syntax.GetLocation(), parameter.Name, parameter.Type);
            }
            if (reached.Method.ReturnType.TypeKind == TypeKind.Array
                && reached.Method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(reached.CancellationToken) is MethodDeclarationSyntax { ReturnType: { } returnType })
                Report(reached.Report, returnType.GetLocation(), $"{reached.Method.Name}'s result", reached.Method.ReturnType);
        });
    }

    private static void Report(System.Action<Diagnostic> report, Location location, string what, ITypeSymbol type) =>
        report(Diagnostic.Create(Descriptor, location, Text.Shorten(what), type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0001: a class instance is created in code compiled to eBPF (<c>new C()</c>, an anonymous object, a record
/// class's <c>with</c>, a collection expression that builds a collection class). The compiler reports EBPF1001.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClassInstanceAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.ClassInstance,
        "Class instance allocated in a program",
        "'{0}' allocates a class instance ({1}); eBPF programs have no managed heap. Use a struct (on the stack) or a map value.");

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
            ITypeSymbol? allocated = operation switch
            {
                IObjectCreationOperation creation => creation.Type,
                IAnonymousObjectCreationOperation anonymous => anonymous.Type,
                IWithOperation with => with.Type,
                ICollectionExpressionOperation collection => collection.Type,
                _ => null,
            };
            // Strings are EBPF0002's, arrays EBPF0004's; structs live on the stack.
            if (allocated is null || !allocated.IsReferenceType || allocated.SpecialType == SpecialType.System_String
                || allocated.TypeKind is TypeKind.Array or TypeKind.Delegate or TypeKind.Error)
                return;
            operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Syntax.GetLocation(),
                Text.Shorten(operation.Syntax.ToString()), allocated.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }, OperationKind.ObjectCreation, OperationKind.AnonymousObjectCreation, OperationKind.With, OperationKind.CollectionExpression);
}

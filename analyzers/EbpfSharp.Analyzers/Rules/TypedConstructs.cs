using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// Finds where a kind of type (floating point, dynamic) enters code compiled to eBPF, once per construct: local
/// declarations, parameters and results of the method, and the outermost expressions of that type (not the parts of a
/// larger one of the same type, not a read of a local or parameter already reported, not a constant C# folds away).
/// </summary>
internal static class TypedConstructs
{
    public static void Register(AnalysisContext context, DiagnosticDescriptor descriptor, Func<ITypeSymbol?, bool> matches)
    {
        ProgramCode.RegisterBodies(context, (blockContext, operations) =>
        {
            foreach (var operation in operations)
            {
                if (operation is IVariableDeclaratorOperation { Symbol: { IsConst: false } local } declarator && matches(local.Type))
                {
                    var location = declarator.Syntax is VariableDeclaratorSyntax syntax ? syntax.Identifier.GetLocation() : declarator.Syntax.GetLocation();
                    blockContext.ReportDiagnostic(Diagnostic.Create(descriptor, location, local.Name, Display(local.Type)));
                    continue;
                }
                if (!matches(operation.Type) || operation is ILocalReferenceOperation or IParameterReferenceOperation or IDeclarationExpressionOperation)
                    continue;
                var parent = operation.Parent;
                if (parent is IVariableInitializerOperation || parent is not null && (matches(parent.Type) || parent.ConstantValue.HasValue))
                    continue;
                if (operation.IsImplicit && operation.Syntax is not ExpressionSyntax)
                    continue;
                blockContext.ReportDiagnostic(Diagnostic.Create(descriptor, operation.Syntax.GetLocation(), Text.Shorten(operation.Syntax.ToString()), Display(operation.Type!)));
            }
        });
        ProgramCode.RegisterMethods(context, reached =>
        {
            foreach (var parameter in reached.Method.Parameters.Where(parameter => matches(parameter.Type)))
            {
                if (parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(reached.CancellationToken) is ParameterSyntax syntax)
                    reached.Report(Diagnostic.Create(descriptor, syntax.GetLocation(), parameter.Name, Display(parameter.Type)));
            }
            if (matches(reached.Method.ReturnType) && reached.Method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(reached.CancellationToken) is MethodDeclarationSyntax { ReturnType: { } returnType })
                reached.Report(Diagnostic.Create(descriptor, returnType.GetLocation(), $"{reached.Method.Name}'s result", Display(reached.Method.ReturnType)));
        });
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}

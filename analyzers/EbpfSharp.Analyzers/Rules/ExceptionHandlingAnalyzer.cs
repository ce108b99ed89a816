using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0005: exception handling in code compiled to eBPF: <c>throw</c>, <c>try</c>, and what C# lowers to
/// try/finally: <c>using</c> (also of a ref struct with a Dispose method), <c>lock</c>, <c>foreach</c> over an
/// enumerator that is disposed. The compiler reports EBPF1003.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExceptionHandlingAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.ExceptionHandling,
        "Exception handling in a program",
        "{0}; eBPF programs cannot throw or handle exceptions. Return an error value instead (for XDP, XdpAction.Aborted or Drop).");

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
            (Location Location, string What)? found = operation switch
            {
                IThrowOperation => (operation.Syntax.GetLocation(), "'throw' raises an exception"),
                ITryOperation { Syntax: TryStatementSyntax statement } => (statement.TryKeyword.GetLocation(), "'try' handles exceptions"),
                IUsingOperation { Syntax: UsingStatementSyntax statement } => (statement.UsingKeyword.GetLocation(), "'using' disposes in a try/finally"),
                IUsingDeclarationOperation when operation.Syntax.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is { } statement => (statement.UsingKeyword.GetLocation(), "'using' disposes in a try/finally"),
                ILockOperation { Syntax: LockStatementSyntax statement } => (statement.LockKeyword.GetLocation(), "'lock' releases the lock in a try/finally"),
                IForEachLoopOperation { Syntax: CommonForEachStatementSyntax statement } when DisposesEnumerator(statement, operation.SemanticModel) =>
                    (statement.ForEachKeyword.GetLocation(), "'foreach' disposes its enumerator in a try/finally"),
                _ => null,
            };
            if (found is { } report)
                operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, report.Location, report.What));
        }, OperationKind.Throw, OperationKind.Try, OperationKind.Using, OperationKind.UsingDeclaration, OperationKind.Lock, OperationKind.Loop);

    private static bool DisposesEnumerator(CommonForEachStatementSyntax statement, SemanticModel? model)
    {
        if (model is null)
            return false;
        var info = model.GetForEachStatementInfo(statement);
        return info.DisposeMethod is not null || info.GetEnumeratorMethod?.ReturnType.TypeKind == TypeKind.Interface;
    }
}

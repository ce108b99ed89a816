using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0002: a string is used other than as a literal format for a helper (<c>Bpf.Printk("…", …)</c>). The compiler
/// passes a constant string straight to a helper's string parameter (as a pointer and a length), also through the
/// string parameter of a method it inlines; any other string (a local, concatenation, interpolation, a string
/// method, a string crossing a branch) is EBPF1002.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StringAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.StringUse,
        "String used outside a Bpf.Printk format",
        "'{0}' uses a string as a value; eBPF programs have no managed strings. Pass string literals only as the format of Bpf.Printk, and keep text in byte buffers (fixed byte[N]).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        Register(context);
    }

    private static void Register(AnalysisContext context) =>
        ProgramCode.RegisterBodies(context, (blockContext, operations) =>
        {
            foreach (var operation in operations)
            {
                if (operation is IVariableDeclaratorOperation { Symbol: { Type.SpecialType: SpecialType.System_String } local } declarator)
                {
                    var location = declarator.Syntax is VariableDeclaratorSyntax syntax ? syntax.Identifier.GetLocation() : declarator.Syntax.GetLocation();
                    blockContext.ReportDiagnostic(Diagnostic.Create(Descriptor, location, $"string {local.Name}"));
                    continue;
                }
                if (operation.Type?.SpecialType != SpecialType.System_String || operation.Parent is IVariableInitializerOperation || InsideString(operation) || IsFormatArgument(operation))
                    continue;
                blockContext.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Syntax.GetLocation(), Text.Shorten(operation.Syntax.ToString())));
            }
        });

    /// <summary>Whether the string is part of a larger string expression (reported once, outermost).</summary>
    private static bool InsideString(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current.Type?.SpecialType == SpecialType.System_String)
                return true;
        }
        return false;
    }

    /// <summary>A constant string, or a string parameter passed on, as the argument of a helper's or inlined source method's string parameter.</summary>
    private static bool IsFormatArgument(IOperation operation)
    {
        if (!(operation.ConstantValue is { HasValue: true, Value: string } || operation is IParameterReferenceOperation))
            return false;
        if (operation.Parent is not IArgumentOperation { Parameter: { Type.SpecialType: SpecialType.System_String } } argument
            || argument.Parent is not IInvocationOperation invocation)
            return false;
        var target = invocation.TargetMethod;
        return ProgramCode.HelperId(target) is not null
            || target.OriginalDefinition.DeclaringSyntaxReferences.Length > 0 && !target.IsAbstract && !target.IsVirtual;
    }
}

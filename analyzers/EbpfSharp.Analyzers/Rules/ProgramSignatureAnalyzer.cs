using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0022: a program method's shape does not fit its attribute, checked as the compiler does (EBPF1013):
/// <c>[Xdp]</c> takes one <c>XdpContext</c> and returns <c>XdpAction</c> (or int/uint); <c>[RawTracepoint("name")]</c>
/// takes one <c>RawTracepointContext</c> and returns int (or uint/long/ulong), and names a tracepoint with letters,
/// digits and '_'; neither is generic; other program attributes are kinds the compiler does not support yet. A
/// program that is not static is the generator's EBPF2002.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProgramSignatureAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.ProgramSignature,
        "Program signature does not fit its attribute",
        "Program '{0}' {1} (for example: {2})");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(symbolContext =>
        {
            var method = (IMethodSymbol)symbolContext.Symbol;
            if (ProgramReachability.ProgramAttributeOf(method) is not { } attribute
                || method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(symbolContext.CancellationToken) is not MethodDeclarationSyntax declaration)
                return;
            string name = attribute.AttributeClass?.Name ?? "";
            string xdpExample = $"public static XdpAction {method.Name}(XdpContext ctx)";
            string tracepointExample = $"public static int {method.Name}(RawTracepointContext ctx)";
            (Location, string, string)? problem = null;
            if (method.IsGenericMethod)
                problem = (declaration.TypeParameterList!.GetLocation(), "must not be generic", name == "RawTracepointAttribute" ? tracepointExample : xdpExample);
            else if (name == "XdpAttribute")
            {
                if (!HasOneParameter(method, "XdpContext"))
                    problem = (declaration.ParameterList.GetLocation(), "must take exactly one XdpContext parameter", xdpExample);
                else if (!(IsEbpfSharpType(method.ReturnType, "XdpAction") || method.ReturnType.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32))
                    problem = (declaration.ReturnType.GetLocation(), "must return XdpAction", xdpExample);
            }
            else if (name == "RawTracepointAttribute")
            {
                string tracepoint = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? "";
                if (tracepoint.Length == 0 || tracepoint.Any(c => !(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_')))
                    problem = (AttributeLocation(attribute, declaration, argument: true), $"names tracepoint '{tracepoint}'; a raw tracepoint name is letters, digits and '_' (for example sys_enter)", tracepointExample);
                else if (!HasOneParameter(method, "RawTracepointContext"))
                    problem = (declaration.ParameterList.GetLocation(), "must take exactly one RawTracepointContext parameter", tracepointExample);
                else if (method.ReturnType.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64))
                    problem = (declaration.ReturnType.GetLocation(), "must return int", tracepointExample);
            }
            else
            {
                problem = (AttributeLocation(attribute, declaration, argument: false), $"uses [{name.Replace("Attribute", "")}], a program kind this compiler does not support yet", xdpExample);
            }
            if (problem is var (location, what, example))
                symbolContext.ReportDiagnostic(Diagnostic.Create(Descriptor, location, $"{method.ContainingType.Name}.{method.Name}", what, example));
        }, SymbolKind.Method);
    }

    private static bool HasOneParameter(IMethodSymbol method, string type) =>
        method.Parameters.Length == 1 && method.Parameters[0].RefKind == RefKind.None && IsEbpfSharpType(method.Parameters[0].Type, type);

    private static bool IsEbpfSharpType(ITypeSymbol type, string name) =>
        type.Name == name && type.ContainingNamespace?.ToDisplayString() == "EbpfSharp" && type.ContainingType is null;

    private static Location AttributeLocation(AttributeData attribute, MethodDeclarationSyntax declaration, bool argument)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax)
            return argument && syntax.ArgumentList is { Arguments.Count: > 0 } arguments ? arguments.Arguments[0].GetLocation() : syntax.GetLocation();
        return declaration.Identifier.GetLocation();
    }
}

using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0022: a program method's shape does not fit its attribute, checked as the compiler's ProgramSignatures does
/// (EBPF1013), in its order: not generic; the attribute's target names; the return type; the parameters.
/// <c>[Xdp]</c> takes one <c>XdpContext</c> and returns <c>XdpAction</c> (or int/uint); <c>[RawTracepoint("name")]</c>
/// takes one <c>RawTracepointContext</c>. The tracing kinds return int (or uint/long/ulong): kprobe and uprobe take
/// an optional leading <c>PtRegs*</c> then typed arguments (at most 6 on x86-64, 8 on arm64), their return probes at
/// most one typed value; a tracepoint takes one pointer to its record struct; fentry takes typed arguments (at most
/// 12), fexit one more for the return value, and neither takes <c>PtRegs*</c>. A typed argument is an integer,
/// bool, char, enum or pointer, passed by value. A program that is not static is the generator's EBPF2002.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProgramSignatureAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The most arguments a BPF trampoline passes (kernel: MAX_BPF_FUNC_ARGS).</summary>
    private const int MaxTrampolineArguments = 12;

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
            var kind = Tracing.KindOf(attribute);
            string example = Example(kind, method.Name);
            (Location, string)? problem = method.IsGenericMethod
                ? (declaration.TypeParameterList!.GetLocation(), "must not be generic")
                : kind switch
                {
                    ProgramKind.Xdp => Xdp(method, declaration),
                    ProgramKind.RawTracepoint => RawTracepoint(method, attribute, declaration),
                    ProgramKind.Unknown => (AttributeLocation(attribute, declaration, argument: -1),
                        $"uses [{(attribute.AttributeClass?.Name ?? "").Replace("Attribute", "")}], a program kind this compiler does not support yet"),
                    _ => TargetProblem(attribute, kind, declaration)
                        ?? ReturnProblem(method, declaration)
                        ?? (kind == ProgramKind.Tracepoint ? TracepointProblem(method, declaration)
                            : kind is ProgramKind.Fentry or ProgramKind.Fexit ? TrampolineProblem(method, kind, declaration)
                            : ProbeProblem(method, kind, Tracing.Architecture(symbolContext.Options), declaration)),
                };
            if (problem is var (location, what))
                symbolContext.ReportDiagnostic(Diagnostic.Create(Descriptor, location, $"{method.ContainingType.Name}.{method.Name}", what, example));
        }, SymbolKind.Method);
    }

    private static string Example(ProgramKind kind, string m) => kind switch
    {
        ProgramKind.RawTracepoint => $"public static int {m}(RawTracepointContext ctx)",
        ProgramKind.Kprobe => $"public static int {m}(int dfd, byte* filename), or public static int {m}(PtRegs* regs)",
        ProgramKind.Uprobe => $"public static int {m}(ulong size), or public static int {m}(PtRegs* regs)",
        ProgramKind.Kretprobe or ProgramKind.Uretprobe => $"public static int {m}(long result), or public static int {m}(PtRegs* regs)",
        ProgramKind.Tracepoint => $"public static int {m}(SysEnterOpenat* args), where SysEnterOpenat starts with a TraceEntry field",
        ProgramKind.Fentry => $"public static int {m}(int dfd, ulong name)",
        ProgramKind.Fexit => $"public static int {m}(int dfd, ulong name, int result)",
        _ => $"public static XdpAction {m}(XdpContext ctx)",
    };

    private static (Location, string)? Xdp(IMethodSymbol method, MethodDeclarationSyntax declaration)
    {
        if (!HasOneParameter(method, "XdpContext"))
            return (declaration.ParameterList.GetLocation(), "must take exactly one XdpContext parameter");
        if (!(IsEbpfSharpType(method.ReturnType, "XdpAction") || method.ReturnType.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32))
            return (declaration.ReturnType.GetLocation(), "must return XdpAction");
        return null;
    }

    private static (Location, string)? RawTracepoint(IMethodSymbol method, AttributeData attribute, MethodDeclarationSyntax declaration)
    {
        string tracepoint = Argument(attribute, 0) ?? "";
        if (tracepoint.Length == 0 || tracepoint.Any(c => !IsNameCharacter(c)))
            return (AttributeLocation(attribute, declaration, argument: 0), $"names tracepoint '{tracepoint}'; a raw tracepoint name is letters, digits and '_' (for example sys_enter)");
        if (!HasOneParameter(method, "RawTracepointContext"))
            return (declaration.ParameterList.GetLocation(), "must take exactly one RawTracepointContext parameter");
        return ReturnProblem(method, declaration);
    }

    /// <summary>The attribute's function, binary, symbol or tracepoint names, as the compiler checks them.</summary>
    private static (Location, string)? TargetProblem(AttributeData attribute, ProgramKind kind, MethodDeclarationSyntax declaration)
    {
        string name = $"[{kind}]";
        switch (kind)
        {
            case ProgramKind.Kprobe or ProgramKind.Kretprobe or ProgramKind.Fentry or ProgramKind.Fexit:
                string function = Argument(attribute, 0) ?? "";
                if (function.Length == 0)
                    return (AttributeLocation(attribute, declaration, argument: 0), $"gives {name} an empty function name; name the kernel function to probe, as in /proc/kallsyms (for example [{kind}(\"do_unlinkat\")])");
                if (function.Any(c => !IsNameCharacter(c) && c != '.'))
                    return (AttributeLocation(attribute, declaration, argument: 0), $"names kernel function '{function}'; a kernel function name is letters, digits, '_' and '.' (for example do_unlinkat)");
                return null;
            case ProgramKind.Uprobe or ProgramKind.Uretprobe:
                if (attribute.ConstructorArguments.Length == 0)
                    return null;
                string binary = Argument(attribute, 0) ?? "", symbol = Argument(attribute, 1) ?? "";
                if (binary.Length == 0 || symbol.Length == 0)
                    return (AttributeLocation(attribute, declaration, argument: binary.Length == 0 ? 0 : 1),
                        $"gives {name} an empty {(binary.Length == 0 ? "binary" : "symbol")}; name both the executable or library and the function's symbol (for example [{kind}(\"libc.so.6\", \"malloc\")]), or use [{kind}] and give the target when attaching");
                if (binary.IndexOf(':') >= 0)
                    return (AttributeLocation(attribute, declaration, argument: 0), $"names binary '{binary}', which contains ':'; the section uprobe/<binary>:<symbol> cannot hold it");
                if (symbol.Any(c => char.IsWhiteSpace(c) || c is ':' or '+'))
                    return (AttributeLocation(attribute, declaration, argument: 1), $"names symbol '{symbol}'; a symbol has no spaces, ':' or '+' (give an offset with Offset = ...)");
                return null;
            default:
                string category = Argument(attribute, 0) ?? "", tracepoint = Argument(attribute, 1) ?? "";
                bool categoryBad = category.Length == 0 || category.Any(c => !IsNameCharacter(c));
                if (categoryBad || tracepoint.Length == 0 || tracepoint.Any(c => !IsNameCharacter(c)))
                    return (AttributeLocation(attribute, declaration, argument: categoryBad ? 0 : 1),
                        $"names tracepoint '{category}/{tracepoint}'; a category and a name are each letters, digits and '_', as under /sys/kernel/tracing/events (for example [Tracepoint(\"syscalls\", \"sys_enter_openat\")])");
                return null;
        }
    }

    private static (Location, string)? ReturnProblem(IMethodSymbol method, MethodDeclarationSyntax declaration) =>
        method.ReturnType.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            ? null
            : (declaration.ReturnType.GetLocation(), "must return int");

    /// <summary>kprobe, kretprobe, uprobe, uretprobe: an optional leading PtRegs*, then typed arguments (entry) or one typed return value.</summary>
    private static (Location, string)? ProbeProblem(IMethodSymbol method, ProgramKind kind, TargetArchitecture architecture, MethodDeclarationSyntax declaration)
    {
        var parameters = method.Parameters;
        int first = parameters.Length > 0 && parameters[0].RefKind == RefKind.None && Tracing.IsPtRegsPointer(parameters[0].Type) ? 1 : 0;
        int typed = parameters.Length - first;
        bool returnProbe = Tracing.IsReturnProbe(kind);
        if (returnProbe && typed > 1)
            return (declaration.ParameterList.GetLocation(), $"takes {typed} typed parameters; a return probe has at most one, which receives the return value (optionally after a leading PtRegs* regs)");
        int max = Tracing.MaxProbeArguments(architecture);
        if (!returnProbe && typed > max)
            return (declaration.ParameterList.GetLocation(), $"takes {typed} typed arguments; a probe reads at most {max} from registers on {Tracing.Name(architecture)} ({Tracing.ArgumentRegisters(architecture)}); declare the first {max} and read the rest from the stack (regs->StackPointer)");
        for (int i = first; i < parameters.Length; i++)
        {
            if (TypedProblem(parameters[i], declaration) is { } problem)
                return problem;
        }
        return null;
    }

    /// <summary>fentry and fexit: typed arguments (a trampoline passes at most 12); fexit's last parameter is the return value.</summary>
    private static (Location, string)? TrampolineProblem(IMethodSymbol method, ProgramKind kind, MethodDeclarationSyntax declaration)
    {
        var parameters = method.Parameters;
        bool fexit = kind == ProgramKind.Fexit;
        int max = MaxTrampolineArguments + (fexit ? 1 : 0);
        if (parameters.Length > max)
            return (declaration.ParameterList.GetLocation(), $"takes {parameters.Length} parameters; a BPF trampoline passes at most {MaxTrampolineArguments} arguments{(fexit ? " (and the return value)" : "")}");
        foreach (var parameter in parameters)
        {
            if (parameter.RefKind == RefKind.None && Tracing.IsPtRegsPointer(parameter.Type))
                return (ParameterLocation(parameter, declaration), $"takes PtRegs* '{parameter.Name}'; {(fexit ? "fexit" : "fentry")} programs see no registers: declare the function's arguments{(fexit ? " and then its return value" : "")} as typed parameters");
            if (TypedProblem(parameter, declaration) is { } problem)
                return problem;
        }
        return null;
    }

    private static (Location, string)? TracepointProblem(IMethodSymbol method, MethodDeclarationSyntax declaration)
    {
        var parameters = method.Parameters;
        if (parameters.Length != 1)
            return (declaration.ParameterList.GetLocation(), $"takes {parameters.Length} parameters; a tracepoint program takes exactly one, a pointer to the tracepoint's record struct");
        var parameter = parameters[0];
        if (parameter.RefKind != RefKind.None || parameter.Type is not IPointerTypeSymbol { PointedAtType: var element } || !IsStruct(element) || Tracing.IsPtRegs(element))
            return (ParameterLocation(parameter, declaration), $"takes '{parameter.Name}' of type '{parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'; a tracepoint program takes a pointer to a struct laid out as the tracepoint's record (ebpfsharp tracepoint <category>/<name> writes one)");
        return null;
    }

    /// <summary>A typed argument: an integer, bool, char, enum or pointer, by value (the compiler's TypeLayouts.Scalar).</summary>
    private static (Location, string)? TypedProblem(IParameterSymbol parameter, MethodDeclarationSyntax declaration)
    {
        var type = parameter.Type;
        string typeName = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (parameter.RefKind == RefKind.None && Tracing.IsPtRegsPointer(type))
            return (ParameterLocation(parameter, declaration), $"takes PtRegs* '{parameter.Name}' after other parameters; PtRegs* can only be the first parameter");
        if (parameter.RefKind != RefKind.None)
            return (ParameterLocation(parameter, declaration), $"takes '{parameter.Name}' by reference; typed arguments are values (integers, bool, enums, pointers)");
        if (ProgramCode.IsFloatingPoint(type))
            return (ParameterLocation(parameter, declaration), $"takes '{parameter.Name}' of type '{typeName}'; eBPF has no floating point, and arguments arrive in integer registers");
        if (!IsScalar(type))
            return (ParameterLocation(parameter, declaration), $"takes '{parameter.Name}' of type '{typeName}'; a typed argument is an integer, bool, enum or pointer (byte*, T*, void*)");
        return null;
    }

    private static bool IsScalar(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Pointer
        || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Char
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_IntPtr or SpecialType.System_UIntPtr
        || type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } && IsScalar(underlying);

    /// <summary>An unmanaged struct (not a primitive or an enum), as the compiler's TypeLayouts.IsStruct.</summary>
    private static bool IsStruct(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None };

    private static bool HasOneParameter(IMethodSymbol method, string type) =>
        method.Parameters.Length == 1 && method.Parameters[0].RefKind == RefKind.None && IsEbpfSharpType(method.Parameters[0].Type, type);

    private static bool IsEbpfSharpType(ITypeSymbol type, string name) =>
        type.Name == name && type.ContainingNamespace?.ToDisplayString() == "EbpfSharp" && type.ContainingType is null;

    private static bool IsNameCharacter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';

    private static string? Argument(AttributeData attribute, int index) =>
        attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value as string : null;

    private static Location ParameterLocation(IParameterSymbol parameter, MethodDeclarationSyntax declaration) =>
        parameter.Ordinal < declaration.ParameterList.Parameters.Count
            ? declaration.ParameterList.Parameters[parameter.Ordinal].GetLocation()
            : declaration.ParameterList.GetLocation();

    /// <summary>The attribute's argument <paramref name="argument"/> (or the whole attribute when it has none, or for -1).</summary>
    private static Location AttributeLocation(AttributeData attribute, MethodDeclarationSyntax declaration, int argument)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax)
            return argument >= 0 && syntax.ArgumentList is { } arguments && argument < arguments.Arguments.Count
                ? arguments.Arguments[argument].GetLocation()
                : syntax.GetLocation();
        return declaration.Identifier.GetLocation();
    }
}

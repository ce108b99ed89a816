using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;

namespace EbpfSharp.Compiler;

/// <summary>The program kinds the compiler writes, one per program attribute.</summary>
internal enum ProgramKind
{
    Xdp,
    RawTracepoint,
    Kprobe,
    Kretprobe,
    Uprobe,
    Uretprobe,
    Tracepoint,
    Fentry,
    Fexit,
}

/// <summary>
/// How one parameter of a program method gets its value on entry: the context pointer itself (R1), or a load of
/// <see cref="Size"/> bytes at <see cref="Offset"/> from the unmodified context, narrowed to the parameter's type.
/// </summary>
internal sealed record ParameterBinding(bool IsContext, int Offset = 0, int Size = 8)
{
    public static ParameterBinding Context { get; } = new(true);

    public static ParameterBinding Load(int offset) => new(false, offset);
}

/// <summary>A checked program method: its ELF section, kind, and how its parameters bind to the context.</summary>
internal sealed record ProgramShape(string Section, ProgramKind Kind, IReadOnlyList<ParameterBinding> Parameters)
{
    /// <summary>Whether some parameter is read from the context rather than being the context pointer.</summary>
    public bool BindsTypedParameters => Parameters.Any(parameter => !parameter.IsContext);

    /// <summary>Whether the program sees its context as a pointer to read-only kernel memory (PtRegs*, a tracepoint record).</summary>
    public bool ReadOnlyContext => Kind is ProgramKind.Kprobe or ProgramKind.Kretprobe or ProgramKind.Uprobe or ProgramKind.Uretprobe or ProgramKind.Tracepoint;
}

/// <summary>Checks a program method's shape against its attribute and returns its ELF section and parameter bindings.</summary>
internal static class ProgramSignatures
{
    /// <summary>The most arguments a BPF trampoline passes (kernel: MAX_BPF_FUNC_ARGS).</summary>
    private const int MaxTracingArguments = 12;

    private const string PtRegs = "EbpfSharp.PtRegs";

    public static ProgramShape? Check(MethodDefinition method, CustomAttribute attribute, DebugInfo debug, List<CompilerDiagnostic> diagnostics,
        TargetArchitecture architecture = TargetArchitecture.X64)
    {
        string name = attribute.AttributeType.Name;
        string? problem = null;
        ProgramShape? shape = null;
        string example = $"public static XdpAction {method.Name}(XdpContext ctx)";
        if (!method.IsStatic)
            problem = "must be static";
        else if (method.HasGenericParameters)
            problem = "must not be generic";
        else if (name == "XdpAttribute")
        {
            bool fragments = attribute.Properties.Any(property => property.Name == "Fragments" && property.Argument.Value is true);
            shape = new ProgramShape(fragments ? "xdp.frags" : "xdp", ProgramKind.Xdp, [ParameterBinding.Context]);
            if (method.Parameters.Count != 1 || method.Parameters[0].ParameterType.FullName != "EbpfSharp.XdpContext")
                problem = "must take exactly one XdpContext parameter";
            else if (method.ReturnType.FullName != "EbpfSharp.XdpAction" && method.ReturnType.MetadataType is not (MetadataType.Int32 or MetadataType.UInt32))
                problem = "must return XdpAction";
        }
        else if (name == "RawTracepointAttribute")
        {
            string tracepoint = Argument(attribute, 0) ?? "";
            shape = new ProgramShape($"raw_tp/{tracepoint}", ProgramKind.RawTracepoint, [ParameterBinding.Context]);
            example = $"public static int {method.Name}(RawTracepointContext ctx)";
            if (tracepoint.Length == 0 || tracepoint.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
                problem = $"names tracepoint '{tracepoint}'; a raw tracepoint name is letters, digits and '_' (for example sys_enter)";
            else if (method.Parameters.Count != 1 || method.Parameters[0].ParameterType.FullName != "EbpfSharp.RawTracepointContext")
                problem = "must take exactly one RawTracepointContext parameter";
            else
                problem = ReturnProblem(method);
        }
        else if (TracingKind(name) is { } kind)
        {
            (shape, problem, example) = CheckTracing(method, attribute, kind, architecture);
        }
        else
        {
            problem = $"uses [{name.Replace("Attribute", "", StringComparison.Ordinal)}], a program kind this compiler does not support yet";
        }
        if (problem is null)
            return shape;
        diagnostics.Add(new CompilerDiagnostic(CompilerDiagnosticIds.ProgramSignature, DiagnosticSeverity.Error,
            $"Program '{method.DeclaringType.Name}.{method.Name}' {problem} (for example: {example}).",
            debug.Locate(method, 0), $"{method.DeclaringType.Name}.{method.Name}"));
        return null;
    }

    private static ProgramKind? TracingKind(string attribute) => attribute switch
    {
        "KprobeAttribute" => ProgramKind.Kprobe,
        "KretprobeAttribute" => ProgramKind.Kretprobe,
        "UprobeAttribute" => ProgramKind.Uprobe,
        "UretprobeAttribute" => ProgramKind.Uretprobe,
        "TracepointAttribute" => ProgramKind.Tracepoint,
        "FentryAttribute" => ProgramKind.Fentry,
        "FexitAttribute" => ProgramKind.Fexit,
        _ => null,
    };

    private static (ProgramShape? Shape, string? Problem, string Example) CheckTracing(MethodDefinition method, CustomAttribute attribute, ProgramKind kind, TargetArchitecture architecture)
    {
        string m = method.Name;
        string example = kind switch
        {
            ProgramKind.Kprobe => $"public static int {m}(int dfd, byte* filename), or public static int {m}(PtRegs* regs)",
            ProgramKind.Uprobe => $"public static int {m}(ulong size), or public static int {m}(PtRegs* regs)",
            ProgramKind.Kretprobe or ProgramKind.Uretprobe => $"public static int {m}(long result), or public static int {m}(PtRegs* regs)",
            ProgramKind.Tracepoint => $"public static int {m}(SysEnterOpenat* args), where SysEnterOpenat starts with a TraceEntry field",
            ProgramKind.Fentry => $"public static int {m}(int dfd, ulong name)",
            _ => $"public static int {m}(int dfd, ulong name, int result)",
        };
        ulong offset = attribute.Properties.FirstOrDefault(property => property.Name == "Offset").Argument.Value is ulong value ? value : 0;
        string Probe(string prefix)
        {
            string function = Argument(attribute, 0) ?? "";
            return offset == 0 || kind != ProgramKind.Kprobe ? $"{prefix}/{function}" : $"{prefix}/{function}+0x{offset:x}";
        }
        string UserProbe(string prefix)
        {
            string? binary = Argument(attribute, 0), symbol = Argument(attribute, 1);
            if (binary is null || symbol is null)
                return prefix;
            return offset == 0 || kind != ProgramKind.Uprobe ? $"{prefix}/{binary}:{symbol}" : $"{prefix}/{binary}:{symbol}+0x{offset:x}";
        }
        string section = kind switch
        {
            ProgramKind.Kprobe => Probe("kprobe"),
            ProgramKind.Kretprobe => Probe("kretprobe"),
            ProgramKind.Uprobe => UserProbe("uprobe"),
            ProgramKind.Uretprobe => UserProbe("uretprobe"),
            ProgramKind.Tracepoint => $"tracepoint/{Argument(attribute, 0)}/{Argument(attribute, 1)}",
            ProgramKind.Fentry => Probe("fentry"),
            _ => Probe("fexit"),
        };

        string? problem = TargetProblem(attribute, kind) ?? ReturnProblem(method);
        List<ParameterBinding> bindings = [];
        if (problem is null)
            problem = kind switch
            {
                ProgramKind.Tracepoint => TracepointProblem(method, bindings),
                ProgramKind.Fentry or ProgramKind.Fexit => TrampolineProblem(method, kind, bindings),
                _ => ProbeProblem(method, kind, architecture, bindings),
            };
        return (problem is null ? new ProgramShape(section, kind, bindings) : null, problem, example);
    }

    /// <summary>What is wrong with the attribute's function, binary, symbol or tracepoint names, if anything.</summary>
    private static string? TargetProblem(CustomAttribute attribute, ProgramKind kind)
    {
        string attributeName = $"[{kind}]";
        static bool IsKernelName(string text) => text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.');
        switch (kind)
        {
            case ProgramKind.Kprobe or ProgramKind.Kretprobe or ProgramKind.Fentry or ProgramKind.Fexit:
                string function = Argument(attribute, 0) ?? "";
                if (function.Length == 0)
                    return $"gives {attributeName} an empty function name; name the kernel function to probe, as in /proc/kallsyms (for example [{kind}(\"do_unlinkat\")])";
                if (!IsKernelName(function))
                    return $"names kernel function '{function}'; a kernel function name is letters, digits, '_' and '.' (for example do_unlinkat)";
                return null;
            case ProgramKind.Uprobe or ProgramKind.Uretprobe:
                if (attribute.ConstructorArguments.Count == 0)
                    return null;
                string binary = Argument(attribute, 0) ?? "", symbol = Argument(attribute, 1) ?? "";
                if (binary.Length == 0 || symbol.Length == 0)
                    return $"gives {attributeName} an empty {(binary.Length == 0 ? "binary" : "symbol")}; name both the executable or library and the function's symbol (for example [{kind}(\"libc.so.6\", \"malloc\")]), or use [{kind}] and give the target when attaching";
                if (binary.Contains(':', StringComparison.Ordinal))
                    return $"names binary '{binary}', which contains ':'; the section uprobe/<binary>:<symbol> cannot hold it";
                if (symbol.Any(c => char.IsWhiteSpace(c) || c is ':' or '+'))
                    return $"names symbol '{symbol}'; a symbol has no spaces, ':' or '+' (give an offset with Offset = ...)";
                return null;
            default:
                string category = Argument(attribute, 0) ?? "", name = Argument(attribute, 1) ?? "";
                static bool IsTracepointName(string text) => text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
                if (!IsTracepointName(category) || !IsTracepointName(name))
                    return $"names tracepoint '{category}/{name}'; a category and a name are each letters, digits and '_', as under /sys/kernel/tracing/events (for example [Tracepoint(\"syscalls\", \"sys_enter_openat\")])";
                return null;
        }
    }

    /// <summary>kprobe, kretprobe, uprobe, uretprobe: an optional leading PtRegs*, then typed arguments (entry) or one typed return value.</summary>
    private static string? ProbeProblem(MethodDefinition method, ProgramKind kind, TargetArchitecture architecture, List<ParameterBinding> bindings)
    {
        var parameters = method.Parameters;
        int first = parameters.Count > 0 && IsPtRegsPointer(parameters[0].ParameterType) ? 1 : 0;
        if (first == 1)
            bindings.Add(ParameterBinding.Context);
        int typed = parameters.Count - first;
        bool returnProbe = kind is ProgramKind.Kretprobe or ProgramKind.Uretprobe;
        if (returnProbe && typed > 1)
            return $"takes {typed} typed parameters; a return probe has at most one, which receives the return value (optionally after a leading PtRegs* regs)";
        int max = ProbeRegisters.MaxArguments(architecture);
        if (!returnProbe && typed > max)
            return $"takes {typed} typed arguments; a probe reads at most {max} from registers on {ProbeRegisters.Name(architecture)} ({ProbeRegisters.ArgumentNames(architecture)}); declare the first {max} and read the rest from the stack (regs->StackPointer)";
        for (int i = first; i < parameters.Count; i++)
        {
            if (TypedProblem(parameters[i], allowPtRegs: false) is { } problem)
                return problem;
            bindings.Add(ParameterBinding.Load(returnProbe ? ProbeRegisters.ReturnValue(architecture) : ProbeRegisters.Argument(architecture, i - first)));
        }
        return null;
    }

    /// <summary>fentry and fexit: typed arguments, each a u64 at ctx + 8*i; fexit's last parameter is the return value, after all the arguments.</summary>
    private static string? TrampolineProblem(MethodDefinition method, ProgramKind kind, List<ParameterBinding> bindings)
    {
        var parameters = method.Parameters;
        int max = MaxTracingArguments + (kind == ProgramKind.Fexit ? 1 : 0);
        if (parameters.Count > max)
            return $"takes {parameters.Count} parameters; a BPF trampoline passes at most {MaxTracingArguments} arguments{(kind == ProgramKind.Fexit ? " (and the return value)" : "")}";
        for (int i = 0; i < parameters.Count; i++)
        {
            if (IsPtRegsPointer(parameters[i].ParameterType))
                return $"takes PtRegs* '{parameters[i].Name}'; {(kind == ProgramKind.Fentry ? "fentry" : "fexit")} programs see no registers: declare the function's arguments{(kind == ProgramKind.Fexit ? " and then its return value" : "")} as typed parameters";
            if (TypedProblem(parameters[i], allowPtRegs: false) is { } problem)
                return problem;
            bindings.Add(ParameterBinding.Load(8 * i));
        }
        return null;
    }

    private static string? TracepointProblem(MethodDefinition method, List<ParameterBinding> bindings)
    {
        var parameters = method.Parameters;
        if (parameters.Count != 1)
            return $"takes {parameters.Count} parameters; a tracepoint program takes exactly one, a pointer to the tracepoint's record struct";
        var type = parameters[0].ParameterType;
        if (type is not PointerType { ElementType: var element } || !TypeLayouts.IsStruct(element) || IsPtRegsPointer(type))
            return $"takes '{parameters[0].Name}' of type '{type.Name}'; a tracepoint program takes a pointer to a struct laid out as the tracepoint's record (ebpfsharp tracepoint <category>/<name> writes one)";
        bindings.Add(ParameterBinding.Context);
        return null;
    }

    private static string? TypedProblem(ParameterDefinition parameter, bool allowPtRegs)
    {
        var type = parameter.ParameterType;
        if (IsPtRegsPointer(type) && !allowPtRegs)
            return $"takes PtRegs* '{parameter.Name}' after other parameters; PtRegs* can only be the first parameter";
        if (type.IsByReference)
            return $"takes '{parameter.Name}' by reference; typed arguments are values (integers, bool, enums, pointers)";
        if (TypeLayouts.IsFloatingPoint(type))
            return $"takes '{parameter.Name}' of type '{type.Name}'; eBPF has no floating point, and arguments arrive in integer registers";
        if (ProgramContexts.IsContext(type) || MapTypes.IsMapFamily(type) || type.IsFunctionPointer || TypeLayouts.Scalar(type) is null)
            return $"takes '{parameter.Name}' of type '{type.Name}'; a typed argument is an integer, bool, enum or pointer (byte*, T*, void*)";
        return null;
    }

    private static string? ReturnProblem(MethodDefinition method) =>
        method.ReturnType.MetadataType is MetadataType.Int32 or MetadataType.UInt32 or MetadataType.Int64 or MetadataType.UInt64 ? null : "must return int";

    private static bool IsPtRegsPointer(TypeReference type) => type is PointerType { ElementType.FullName: PtRegs };

    private static string? Argument(CustomAttribute attribute, int index) =>
        attribute.ConstructorArguments.Count > index ? attribute.ConstructorArguments[index].Value as string : null;
}

using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>The program kinds the analyzers tell apart, one per program attribute (as the compiler's ProgramSignatures).</summary>
internal enum ProgramKind
{
    Unknown,
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

/// <summary>The architecture whose <c>struct pt_regs</c> a probe reads (the compiler's <c>TargetArchitecture</c>).</summary>
internal enum TargetArchitecture
{
    X64,
    Arm64,
}

/// <summary>
/// What the tracing rules share: program kinds, <c>PtRegs</c> and <c>[KernelType]</c> type tests, the target
/// architecture, and where a write lands (a pointer dereference, through fields and fixed buffers).
/// </summary>
internal static class Tracing
{
    /// <summary>The MSBuild property (made visible to analyzers as <c>build_property.*</c>) that picks the architecture.</summary>
    public const string ArchitectureProperty = "build_property.EbpfSharpTargetArchitecture";

    public static ProgramKind KindOf(string attributeName) => attributeName switch
    {
        "XdpAttribute" => ProgramKind.Xdp,
        "RawTracepointAttribute" => ProgramKind.RawTracepoint,
        "KprobeAttribute" => ProgramKind.Kprobe,
        "KretprobeAttribute" => ProgramKind.Kretprobe,
        "UprobeAttribute" => ProgramKind.Uprobe,
        "UretprobeAttribute" => ProgramKind.Uretprobe,
        "TracepointAttribute" => ProgramKind.Tracepoint,
        "FentryAttribute" => ProgramKind.Fentry,
        "FexitAttribute" => ProgramKind.Fexit,
        _ => ProgramKind.Unknown,
    };

    /// <summary>The program kind of <paramref name="attribute"/>, if it is one of EbpfSharp's program attributes.</summary>
    public static ProgramKind KindOf(AttributeData attribute) =>
        attribute.AttributeClass is { ContainingNamespace: { Name: "EbpfSharp", ContainingNamespace.IsGlobalNamespace: true } } type
            ? KindOf(type.Name)
            : ProgramKind.Unknown;

    /// <summary>kprobe, kretprobe, uprobe, uretprobe: programs whose context is the probed code's registers.</summary>
    public static bool IsProbe(ProgramKind kind) => kind is ProgramKind.Kprobe or ProgramKind.Kretprobe or ProgramKind.Uprobe or ProgramKind.Uretprobe;

    public static bool IsReturnProbe(ProgramKind kind) => kind is ProgramKind.Kretprobe or ProgramKind.Uretprobe;

    /// <summary>The architecture the build compiles probes for: the MSBuild property when visible, else the machine's (the compiler's default).</summary>
    public static TargetArchitecture Architecture(AnalyzerOptions options)
    {
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ArchitectureProperty, out var text))
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "x64" or "x86_64" or "x86-64" or "amd64":
                    return TargetArchitecture.X64;
                case "arm64" or "aarch64":
                    return TargetArchitecture.Arm64;
            }
        }
        return System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64
            ? TargetArchitecture.Arm64
            : TargetArchitecture.X64;
    }

    /// <summary>How many arguments a probe reads from registers (<c>PT_REGS_PARM1</c>..): 6 on x86-64, 8 on arm64.</summary>
    public static int MaxProbeArguments(TargetArchitecture architecture) => architecture == TargetArchitecture.Arm64 ? 8 : 6;

    public static string Name(TargetArchitecture architecture) => architecture == TargetArchitecture.Arm64 ? "arm64" : "x86-64";

    public static string ArgumentRegisters(TargetArchitecture architecture) =>
        architecture == TargetArchitecture.Arm64 ? "x0–x7" : "rdi, rsi, rdx, rcx, r8, r9";

    public static bool IsPtRegs(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "PtRegs", TypeKind: TypeKind.Struct, ContainingType: null, ContainingNamespace: { Name: "EbpfSharp", ContainingNamespace.IsGlobalNamespace: true } };

    public static bool IsPtRegsPointer(ITypeSymbol? type) => type is IPointerTypeSymbol pointer && IsPtRegs(pointer.PointedAtType);

    /// <summary>Whether <paramref name="type"/> is a struct marked <c>[KernelType]</c> (a declaration of kernel memory's layout).</summary>
    public static bool IsKernelType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Struct } named
        && named.OriginalDefinition.GetAttributes().Any(attribute => attribute.AttributeClass is
            { Name: "KernelTypeAttribute", ContainingNamespace: { Name: "EbpfSharp", ContainingNamespace.IsGlobalNamespace: true } });

    /// <summary>
    /// Where a written location is: the fields on the way (innermost first, fixed buffers included) and the pointer
    /// whose memory holds them (null when the location is a local, a parameter or a static field, not memory behind
    /// a pointer).
    /// </summary>
    public static (System.Collections.Immutable.ImmutableArray<IFieldSymbol> Fields, IOperation? Pointer) Location(IOperation target)
    {
        var fields = System.Collections.Immutable.ImmutableArray.CreateBuilder<IFieldSymbol>();
        var current = target;
        while (true)
        {
            switch (current)
            {
                case IFieldReferenceOperation field:
                    fields.Add(field.Field);
                    if (field.Instance is null)
                        return (fields.ToImmutable(), null);
                    current = field.Instance;
                    continue;
                // Roslyn has no operation for pointer indirection (*p, p->F, p[i]): it is a None operation whose first
                // child is the pointer.
                case { Kind: OperationKind.None } none when none.ChildOperations.FirstOrDefault() is { Type: IPointerTypeSymbol } pointer:
                    var stripped = StripConversions(pointer);
                    if (stripped is IFieldReferenceOperation { Field.IsFixedSizeBuffer: true } buffer && buffer.Instance is not null)
                    {
                        // p->Buffer[i]: an element of the fixed buffer in the struct p points to.
                        fields.Add(buffer.Field);
                        current = buffer.Instance;
                        continue;
                    }
                    return (fields.ToImmutable(), pointer);
                default:
                    return (fields.ToImmutable(), null);
            }
        }
    }

    public static IOperation StripConversions(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        while (operation is IParenthesizedOperation parenthesized)
            operation = parenthesized.Operand;
        return operation;
    }

    /// <summary>
    /// The locations an operation writes: an assignment's target (simple, compound, <c>??=</c>, deconstruction), an
    /// increment's or decrement's operand, an <c>out</c> argument, and the <c>ref</c> location of an
    /// <c>Interlocked</c> call (an atomic store).
    /// </summary>
    public static System.Collections.Generic.IEnumerable<IOperation> WrittenLocations(IOperation operation)
    {
        switch (operation)
        {
            case IDeconstructionAssignmentOperation deconstruction:
                foreach (var element in Elements(deconstruction.Target))
                    yield return element;
                break;
            case IAssignmentOperation assignment:
                yield return assignment.Target;
                break;
            case IIncrementOrDecrementOperation increment:
                yield return increment.Target;
                break;
            case IArgumentOperation { Parameter: { } parameter } argument
                when parameter.RefKind == RefKind.Out
                    || parameter.RefKind == RefKind.Ref && parameter.ContainingType?.ToDisplayString() == "System.Threading.Interlocked":
                yield return argument.Value;
                break;
        }
    }

    /// <summary>The operation kinds <see cref="WrittenLocations"/> looks at.</summary>
    public static readonly OperationKind[] WriteKinds =
    [
        OperationKind.SimpleAssignment, OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment,
        OperationKind.DeconstructionAssignment, OperationKind.Increment, OperationKind.Decrement, OperationKind.Argument,
    ];

    private static System.Collections.Generic.IEnumerable<IOperation> Elements(IOperation target)
    {
        if (target is ITupleOperation tuple)
        {
            foreach (var element in tuple.Elements)
            {
                foreach (var inner in Elements(element))
                    yield return inner;
            }
        }
        else if (target is not IDeclarationExpressionOperation)
        {
            yield return target;
        }
    }
}

using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0012: a call the compiler cannot translate, checked in the compiler's order: its intrinsics
/// (<c>Interlocked</c> on 4- and 8-byte integers, <c>BinaryPrimitives.ReverseEndianness</c>, <c>Unsafe.SizeOf</c>),
/// helpers (<c>[BpfHelper]</c>), CLR-only members (<c>[ClrOnly]</c>, a map's virtual members: EBPF1019), then any
/// other method of a <c>System</c> namespace, a method without IL (<c>extern</c>), and an instance method of a class
/// other than the context and map classes (EBPF1007, EBPF1012). Calls other rules report (string methods, a struct's
/// inherited object methods, virtual calls, delegates) are left to them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UncompilableCallAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.UncompilableCall,
        "Call that cannot compile to eBPF",
        "'{0}' {1}");

    private static readonly ImmutableHashSet<string> InterlockedOperations =
        ImmutableHashSet.Create("Add", "Increment", "Decrement", "Exchange", "CompareExchange", "And", "Or");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ProgramCode.RegisterOperations(context, (operationContext, _, _) =>
        {
            var operation = operationContext.Operation;
            var (method, instance, isVirtual) = operation switch
            {
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Instance, invocation.IsVirtual),
                IPropertyReferenceOperation property => (Accessor(property), property.Instance, true),
                _ => (null, null, false),
            };
            if (method is null || Problem(method, instance, isVirtual) is not { } problem)
                return;
            operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Syntax.GetLocation(), ProgramCode.Describe(method), problem));
        }, OperationKind.Invocation, OperationKind.PropertyReference);
    }

    private static string? Problem(IMethodSymbol method, IOperation? instance, bool isVirtual)
    {
        var type = method.ContainingType;
        if (type is null || method.MethodKind is MethodKind.LocalFunction or MethodKind.DelegateInvoke || type.TypeKind == TypeKind.Error)
            return null;
        string typeName = type.OriginalDefinition.ToDisplayString();
        if (typeName == "System.Threading.Interlocked")
            return InterlockedProblem(method);
        if (typeName == "System.Buffers.Binary.BinaryPrimitives" && method.Name == "ReverseEndianness")
            return method.Parameters.Length == 1 && IsScalarInteger(method.Parameters[0].Type) ? null : "has no eBPF translation for this type: it swaps the bytes of integers of 1 to 8 bytes.";
        if (typeName == "System.Runtime.CompilerServices.Unsafe" && method.Name == "SizeOf")
            return null;
        if (ProgramCode.HelperId(method) is not null)
            return null;
        if (IsClrOnly(method) || ProgramCode.IsMapFamily(type) && (method.IsVirtual || method.IsOverride || method.IsAbstract))
            return "works on the CLR only (in unit tests and host code); a program cannot call it. In the host, read the map through the loaded object instead.";
        if (IsContextField(method) || VirtualCallAnalyzer.Kind(method, instance, isVirtual) is not null || BoxingAnalyzer.IsInheritedObjectMethod(method, instance))
            return null;
        if (type.SpecialType == SpecialType.System_String || method.Parameters.Any(parameter => parameter.Type.SpecialType == SpecialType.System_String))
            return null;    // EBPF0002 reports the string
        if (IsSystem(type.ContainingNamespace))
            return "has no eBPF translation: a program can call only static and struct methods with IL in your assemblies, Bpf helpers and EbpfSharp's own API.";
        if (method.IsExtern)
            return "has no IL (it is extern), so there is nothing to compile to eBPF. Call a static or struct method with a body, or a Bpf helper.";
        if (!method.IsStatic && type.TypeKind == TypeKind.Class && !ProgramCode.IsContext(type) && !ProgramCode.IsMapFamily(type))
            return "is an instance method of a class; eBPF programs cannot hold class instances. Make it static, or a struct method.";
        return null;
    }

    private static string? InterlockedProblem(IMethodSymbol method)
    {
        var location = method.Parameters.FirstOrDefault();
        bool supported = location is { RefKind: RefKind.Ref } && location.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;
        if (!InterlockedOperations.Contains(method.Name))
            return "has no eBPF translation; programs can use Interlocked.Add, Increment, Decrement, Exchange, CompareExchange, And and Or.";
        return supported ? null : $"has no eBPF translation for '{location?.Type.ToDisplayString() ?? "this type"}': BPF atomics work on int, uint, long and ulong.";
    }

    private static bool IsScalarInteger(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Char or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
            or SpecialType.System_UInt64 or SpecialType.System_IntPtr or SpecialType.System_UIntPtr;

    private static bool IsSystem(INamespaceSymbol? ns)
    {
        for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
        {
            if (current.ContainingNamespace is { IsGlobalNamespace: true })
                return current.Name.StartsWith("System", System.StringComparison.Ordinal);
        }
        return false;
    }

    private static bool IsClrOnly(IMethodSymbol method) =>
        HasAttribute(method, "EbpfSharp.ClrOnlyAttribute") || method.AssociatedSymbol is { } property && HasAttribute(property, "EbpfSharp.ClrOnlyAttribute");

    private static bool IsContextField(IMethodSymbol method) =>
        method.MethodKind == MethodKind.PropertyGet && method.AssociatedSymbol is { } property && HasAttribute(property, "EbpfSharp.ContextFieldAttribute");

    private static bool HasAttribute(ISymbol symbol, string name) =>
        symbol.OriginalDefinition.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == name);

    private static IMethodSymbol? Accessor(IPropertyReferenceOperation property) =>
        property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property ? property.Property.SetMethod : property.Property.GetMethod;
}

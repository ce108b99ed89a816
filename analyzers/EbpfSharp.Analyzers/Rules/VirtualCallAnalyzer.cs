using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0006: a virtual or interface call in code compiled to eBPF: an interface member (also through a type
/// parameter's constraint, where C# emits a constrained call), or a virtual, abstract or override member of a class
/// called with dispatch. The verifier calls only known functions (EBPF1004). A struct's own methods, sealed members
/// and <c>base.M()</c> calls are direct.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class VirtualCallAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.VirtualCall,
        "Virtual or interface call in a program",
        "'{0}' is {1}; the verifier accepts only calls to known functions. Call a static or struct method instead.");

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
            var (method, instance, isVirtual) = operation switch
            {
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Instance, invocation.IsVirtual),
                IPropertyReferenceOperation property => (Accessor(property), property.Instance, true),
                _ => (null, null, false),
            };
            if (method is null || Kind(method, instance, isVirtual) is not { } kind)
                return;
            operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Syntax.GetLocation(), ProgramCode.Describe(method), kind));
        }, OperationKind.Invocation, OperationKind.PropertyReference);

    /// <summary>Why a call is virtual ("an interface call", …), or null for a direct call.</summary>
    public static string? Kind(IMethodSymbol method, IOperation? instance, bool isVirtual)
    {
        var type = method.ContainingType;
        if (type is null || type.TypeKind == TypeKind.Delegate || ProgramCode.IsMapFamily(type) || ProgramCode.IsContext(type))
            return null;    // delegates are EBPF0007's; the map classes' virtual members are CLR-only (EBPF0012)
        if (type.TypeKind == TypeKind.Interface)
            return method.IsAbstract || method.IsVirtual ? "an interface call" : null;
        if (!(method.IsVirtual || method.IsAbstract || method.IsOverride) || method.IsSealed || type.IsSealed)
            return null;
        if (BoxingAnalyzer.IsInheritedObjectMethod(method, instance))
            return null;    // a struct calling object's methods boxes: EBPF0003
        if (instance?.Type is { IsValueType: true })
            return null;
        return isVirtual || method.IsAbstract ? "a virtual call" : null;
    }

    private static IMethodSymbol? Accessor(IPropertyReferenceOperation property) =>
        property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property ? property.Property.SetMethod : property.Property.GetMethod;
}

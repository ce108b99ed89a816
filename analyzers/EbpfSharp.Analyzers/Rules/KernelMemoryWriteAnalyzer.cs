using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0023: a program writes kernel memory through a pointer to a <c>[KernelType]</c> struct: a field
/// (<c>task-&gt;Pid = 0</c>, <c>task-&gt;Comm[0] = 0</c>, <c>++</c>, <c>+=</c>, an <c>out</c> argument, an
/// <c>Interlocked</c> call) or the whole struct (<c>*task = default</c>). Kernel types are read with CO-RE
/// (<c>bpf_probe_read_kernel</c>), which cannot write; the compiler reports EBPF1025 (a field) or EBPF1026 (the whole
/// struct). A local copy of a kernel struct is stack memory and is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KernelMemoryWriteAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.KernelMemoryWrite,
        "Kernel memory written through a [KernelType] pointer",
        "'{0}' writes {1} through a pointer; a program reads kernel types with CO-RE (bpf_probe_read_kernel) and cannot write kernel memory. Copy the value into a local or a map value and change the copy.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ProgramCode.RegisterOperations(context, (operationContext, _, _) =>
        {
            foreach (var target in Tracing.WrittenLocations(operationContext.Operation))
            {
                var (fields, pointer) = Tracing.Location(target);
                if (pointer is null)
                    continue;
                string? what = null;
                // The outermost field of a kernel type on the way (task->Sched.Vruntime: Sched, in task_struct).
                var kernelField = fields.LastOrDefault(field => Tracing.IsKernelType(field.ContainingType));
                if (kernelField is not null)
                    what = $"field '{kernelField.ContainingType.Name}.{kernelField.Name}' of kernel type {KernelName(kernelField.ContainingType)}";
                else if (fields.IsEmpty && Tracing.IsKernelType(target.Type))
                    what = $"a whole {target.Type!.Name} (kernel type {KernelName(target.Type)})";
                if (what is not null)
                    operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, target.Syntax.GetLocation(), Text.Shorten(target.Syntax.ToString()), what));
            }
        }, Tracing.WriteKinds);
    }

    private static string KernelName(ITypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(attribute => attribute.AttributeClass?.Name == "KernelTypeAttribute")
            is { ConstructorArguments: { Length: 1 } arguments } && arguments[0].Value is string name ? name : type.Name;
}

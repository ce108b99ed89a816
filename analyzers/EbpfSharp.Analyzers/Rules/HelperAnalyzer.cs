using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0018 and EBPF0019: a kernel helper the program type may not call, and a GPL-only helper in a program whose
/// license (the class's <c>[License]</c>, GPL by default) is not GPL-compatible. A call's helper is the
/// <c>[BpfHelper(id)]</c> of the method called, or of the EbpfSharp wrapper it goes through (a map method). The
/// tables hold, for the helpers EbpfSharp exposes, what the kernel's func_proto for each program type gives as of
/// 6.18 (checked against a 6.18 kernel by loading one call of each helper per type, and against
/// kernel/trace/bpf_trace.c): <c>xdp_func_proto</c> (XDP); <c>kprobe_prog_func_proto</c> (kprobe, kretprobe,
/// uprobe, uretprobe: BPF_PROG_TYPE_KPROBE), <c>tp_prog_func_proto</c> (tracepoint), <c>raw_tp_prog_func_proto</c>
/// (raw tracepoint) and <c>tracing_prog_func_proto</c> (fentry, fexit), which all fall back to
/// <c>bpf_tracing_func_proto</c> and <c>bpf_base_func_proto</c>; and the helpers' <c>gpl_only</c>.
/// <c>bpf_base_func_proto</c> gives privileged programs of every type (CAP_PERFMON) the probe-read, current-task and
/// signal helpers, so XDP may call them too: those are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HelperAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor NotAllowed = ProgramCode.Rule(DiagnosticIds.HelperNotAllowed,
        "Helper not allowed for the program type",
        "'{0}' calls the kernel helper {1}, which {2} programs cannot call (it is reached from {3}); the kernel rejects the program with \"program of this type cannot use helper {1}#{4}\". {5}");

    public static readonly DiagnosticDescriptor GplOnly = ProgramCode.Rule(DiagnosticIds.GplHelper,
        "GPL-only helper in a program with a non-GPL license",
        "'{0}' calls the kernel helper {1}, which only GPL-compatible programs may call, but {2} declares [License(\"{3}\")]; the kernel rejects it with \"cannot call GPL-restricted function from non-GPL compatible program\". Use a GPL-compatible license (\"GPL\", \"Dual MIT/GPL\", …) or remove the call.");

    private static readonly Dictionary<int, string> Names = new()
    {
        [6] = "bpf_trace_printk", [15] = "bpf_get_current_uid_gid", [16] = "bpf_get_current_comm", [23] = "bpf_redirect",
        [25] = "bpf_perf_event_output", [27] = "bpf_get_stackid", [28] = "bpf_csum_diff", [35] = "bpf_get_current_task",
        [44] = "bpf_xdp_adjust_head", [54] = "bpf_xdp_adjust_meta", [65] = "bpf_xdp_adjust_tail", [109] = "bpf_send_signal",
        [112] = "bpf_probe_read_user", [113] = "bpf_probe_read_kernel", [114] = "bpf_probe_read_user_str",
        [115] = "bpf_probe_read_kernel_str", [117] = "bpf_send_signal_thread", [160] = "bpf_ktime_get_coarse_ns",
    };

    /// <summary>XDP's packet helpers, which no tracing program type has: bpf_redirect, bpf_csum_diff, bpf_xdp_adjust_head/meta/tail.</summary>
    private static readonly ImmutableHashSet<int> PacketHelpers = ImmutableHashSet.Create(23, 28, 44, 54, 65);

    /// <summary>
    /// What the tracing program types may not call of the helpers EbpfSharp exposes: the packet helpers, and
    /// bpf_ktime_get_coarse_ns (in the base set only for the networking types; bpf_tracing_func_proto leaves it out).
    /// </summary>
    private static readonly ImmutableHashSet<int> NotForTracing = PacketHelpers.Add(160);

    private const string TracingAdvice = "Packet helpers belong to XDP programs; for the time, use Bpf.KtimeGetNs (bpf_ktime_get_coarse_ns is not in the tracing helper set).";

    /// <summary>Helpers each program kind may not call (see the class summary for the kernel tables).</summary>
    private static readonly Dictionary<string, (string Kind, ImmutableHashSet<int> Helpers, string Advice)> Forbidden = new()
    {
        // bpf_get_current_pid_tgid, _uid_gid and _comm are in bpf_base_func_proto on 6.x kernels: XDP may call them
        // (a verifier corpus program loads with all three); so are the probe-read, get_current_task and send_signal
        // helpers for a privileged loader.
        ["XdpAttribute"] = ("XDP", ImmutableHashSet.Create(27),
            "XDP programs run in no task's context: read packet data instead, or move this to a tracing program."),
        ["RawTracepointAttribute"] = ("raw tracepoint", NotForTracing, TracingAdvice),
        ["KprobeAttribute"] = ("kprobe", NotForTracing, TracingAdvice),
        ["KretprobeAttribute"] = ("kretprobe", NotForTracing, TracingAdvice),
        ["UprobeAttribute"] = ("uprobe", NotForTracing, TracingAdvice),
        ["UretprobeAttribute"] = ("uretprobe", NotForTracing, TracingAdvice),
        ["TracepointAttribute"] = ("tracepoint", NotForTracing, TracingAdvice),
        ["FentryAttribute"] = ("fentry", NotForTracing, TracingAdvice),
        ["FexitAttribute"] = ("fexit", NotForTracing, TracingAdvice),
    };

    /// <summary>
    /// Helpers with gpl_only = true: bpf_trace_printk, bpf_perf_event_output (and bpf_xdp_event_output),
    /// bpf_get_stackid, bpf_get_current_task, bpf_probe_read_user/_kernel and their _str forms. (bpf_send_signal and
    /// bpf_send_signal_thread are not.)
    /// </summary>
    private static readonly ImmutableHashSet<int> GplHelpers = ImmutableHashSet.Create(6, 25, 27, 35, 112, 113, 114, 115);

    /// <summary>Licenses the kernel accepts as GPL-compatible (include/linux/license.h).</summary>
    private static readonly ImmutableHashSet<string> GplCompatible =
        ImmutableHashSet.Create("GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL");

    /// <summary>EbpfSharp's public wrappers that call a helper (the helper method itself is internal).</summary>
    private static readonly Dictionary<(string Type, string Method), int> Wrappers = new()
    {
        [("EbpfSharp.StackTraceMap", "GetStackId")] = 27,
        [("EbpfSharp.PerfEventArray<T>", "Output")] = 25,
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [NotAllowed, GplOnly];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        Register(context);
    }

    private static void Register(AnalysisContext context) =>
        ProgramCode.RegisterOperations(context, (operationContext, reachability, method) =>
        {
            var invocation = (IInvocationOperation)operationContext.Operation;
            if (HelperOf(invocation.TargetMethod) is not { } helper || !reachability.IsReached(method, out var roots))
                return;
            string name = Names.TryGetValue(helper, out var known) ? known : $"#{helper}";
            string called = ProgramCode.Describe(invocation.TargetMethod);
            var location = invocation.Syntax.GetLocation();
            foreach (var group in roots.GroupBy(root => root.AttributeName).OrderBy(group => group.Key, System.StringComparer.Ordinal))
            {
                if (Forbidden.TryGetValue(group.Key, out var rule) && rule.Helpers.Contains(helper))
                    operationContext.ReportDiagnostic(Diagnostic.Create(NotAllowed, location, called, name, rule.Kind, Programs(group), helper, rule.Advice));
            }
            if (!GplHelpers.Contains(helper))
                return;
            foreach (var group in roots.Select(root => (Root: root, License: LicenseOf(root.Program.ContainingType)))
                .Where(pair => pair.License is not null && !GplCompatible.Contains(pair.License))
                .GroupBy(pair => pair.Root.Program.ContainingType.Name).OrderBy(group => group.Key, System.StringComparer.Ordinal))
                operationContext.ReportDiagnostic(Diagnostic.Create(GplOnly, location, called, name, group.Key, group.First().License));
        }, OperationKind.Invocation);

    private static int? HelperOf(IMethodSymbol method) =>
        ProgramCode.HelperId(method) is { } id ? id
        : Wrappers.TryGetValue((method.ContainingType.OriginalDefinition.ToDisplayString(), method.Name), out int wrapped) ? wrapped : null;

    private static string? LicenseOf(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(attribute => attribute.AttributeClass?.ToDisplayString() == "EbpfSharp.LicenseAttribute")
            is { ConstructorArguments: { Length: 1 } arguments } && arguments[0].Value is string license ? license : null;

    private static string Programs(IEnumerable<ProgramRoot> roots) =>
        string.Join(", ", roots.Select(root => $"'{root.Program.ContainingType.Name}.{root.Program.Name}'").Distinct().OrderBy(name => name, System.StringComparer.Ordinal));
}

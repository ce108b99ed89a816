using EbpfSharp.Object;
using EbpfSharp.Object.Btf;

namespace EbpfSharp.Runtime.Loading;

/// <summary>The running kernel's BTF (<c>/sys/kernel/btf/vmlinux</c>), read once, for tracing programs' attach targets.</summary>
internal static class KernelBtf
{
    public const string Path = "/sys/kernel/btf/vmlinux";

    private static readonly Lazy<BtfSection> Vmlinux = new(() =>
    {
        if (!File.Exists(Path))
            throw new BpfNotSupportedException($"This kernel has no BTF at {Path} (CONFIG_DEBUG_INFO_BTF is off); fentry, fexit, tp_btf and lsm programs need it.", 0);
        return BtfSection.Read(File.ReadAllBytes(Path));
    });

    /// <summary>The kernel BTF.</summary>
    public static BtfSection Types => Vmlinux.Value;

    private static readonly Lazy<Core.CoreTarget> VmlinuxCoreTarget = new(() =>
    {
        if (!File.Exists(Path))
            throw new BpfNotSupportedException(
                $"This kernel has no BTF at {Path} (CONFIG_DEBUG_INFO_BTF is off), which CO-RE relocations are resolved against. " +
                "Give a BTF file for this kernel (for example from BTFHub) as LoadOptions.KernelBtfPath.", 0);
        return new Core.CoreTarget(Types, "the running kernel");
    });

    /// <summary>The kernel BTF as a CO-RE target, with its name index built once per process on first use.</summary>
    public static Core.CoreTarget CoreTarget => VmlinuxCoreTarget.Value;

    /// <summary>
    /// The vmlinux BTF id a tracing program attaches to, from its section target (libbpf: find_kernel_btf_id
    /// with the btf_trace_/bpf_lsm_/bpf_iter_ prefixes).
    /// </summary>
    public static int AttachTargetId(ProgramSpec program)
    {
        string target = program.AttachTarget;
        if (target.Length == 0)
            throw new BpfInvalidArgumentException($"Program '{program.Name}' in section '{program.SectionName}' does not name the kernel function it attaches to (expected '{program.SectionName}/<function>').", 0);
        var (name, kind) = program.Type switch
        {
            BpfProgramType.Lsm => ("bpf_lsm_" + target, BtfKind.Function),
            _ when program.ExpectedAttachType == BpfAttachType.TraceRawTracepoint => ("btf_trace_" + target, BtfKind.Typedef),
            _ when program.ExpectedAttachType == BpfAttachType.TraceIterator => ("bpf_iter_" + target, BtfKind.Function),
            _ => (target, BtfKind.Function),
        };
        int id = Types.FindId(name, kind);
        return id != 0
            ? id
            : throw new BpfNotFoundException($"Program '{program.Name}' attaches to '{target}', but the kernel's BTF has no {kind} named '{name}'.", 0);
    }
}

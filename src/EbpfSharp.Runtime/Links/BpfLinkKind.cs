namespace EbpfSharp.Runtime;

/// <summary>The kind of hook a <see cref="BpfLink"/> attaches a program to.</summary>
public enum BpfLinkKind
{
    /// <summary>The XDP hook of a network interface (BPF_LINK_CREATE with BPF_XDP).</summary>
    Xdp,
    /// <summary>The entry of a kernel function, through the kprobe perf PMU.</summary>
    Kprobe,
    /// <summary>The return of a kernel function, through the kprobe perf PMU.</summary>
    Kretprobe,
    /// <summary>An instruction (usually a function entry) in a user-space binary, through the uprobe perf PMU.</summary>
    Uprobe,
    /// <summary>The return of a user-space function, through the uprobe perf PMU.</summary>
    Uretprobe,
    /// <summary>A static kernel tracepoint, through a PERF_TYPE_TRACEPOINT perf event.</summary>
    Tracepoint,
    /// <summary>A kernel tracepoint with raw arguments (BPF_RAW_TRACEPOINT_OPEN).</summary>
    RawTracepoint,
    /// <summary>A kernel function's entry or exit, or a BTF tracepoint, through vmlinux BTF (fentry, fexit, fmod_ret, tp_btf, lsm; BPF_LINK_CREATE).</summary>
    Tracing,
}

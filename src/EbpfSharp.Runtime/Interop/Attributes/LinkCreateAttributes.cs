using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>
/// union bpf_attr for BPF_LINK_CREATE (kernel: include/uapi/linux/bpf.h, struct "link_create"), up to the
/// perf_event member of its inner union; the kernel requires the rest of the union to be zero.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct LinkCreateAttributes
{
    [FieldOffset(0)] public uint ProgramFd;
    /// <summary>target_fd (a perf event, cgroup, …) or target_ifindex (XDP), sharing one field.</summary>
    [FieldOffset(4)] public uint Target;
    [FieldOffset(8)] public uint AttachType;
    [FieldOffset(12)] public uint Flags;
    /// <summary>perf_event.bpf_cookie, the value bpf_get_attach_cookie() returns (kernel 5.15+).</summary>
    [FieldOffset(16)] public ulong PerfEventCookie;

    /// <summary>tracing.target_btf_id: the BTF id to attach to when the program was loaded without one (0 otherwise).</summary>
    [FieldOffset(16)] public uint TracingTargetBtfId;

    /// <summary>tracing.cookie: the value bpf_get_attach_cookie returns in fentry/fexit programs.</summary>
    [FieldOffset(24)] public ulong TracingCookie;
}

namespace EbpfSharp.Runtime;

/// <summary>Flags of a map lookup (kernel: include/uapi/linux/bpf.h, BPF_F_LOCK).</summary>
[Flags]
public enum MapLookupFlags : ulong
{
    /// <summary>A plain lookup.</summary>
    None = 0,

    /// <summary>
    /// BPF_F_LOCK: copy the value while holding its <c>struct bpf_spin_lock</c>. The map's value type must be
    /// described by BTF and contain a spin lock; otherwise the kernel answers EINVAL.
    /// </summary>
    Lock = 4,
}

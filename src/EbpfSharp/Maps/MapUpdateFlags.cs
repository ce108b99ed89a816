namespace EbpfSharp;

/// <summary>
/// Flags of a map update or push, the same in programs and from the host (kernel: include/uapi/linux/bpf.h,
/// BPF_ANY, BPF_NOEXIST, BPF_EXIST, BPF_F_LOCK).
/// </summary>
[Flags]
public enum MapUpdateFlags : ulong
{
    /// <summary>BPF_ANY: create the element or replace its value.</summary>
    Any = 0,

    /// <summary>BPF_NOEXIST: only create; fails if the key exists (always, for arrays).</summary>
    NoExist = 1,

    /// <summary>
    /// BPF_EXIST: only replace; fails if the key is absent. For a full queue or stack, a push with this flag
    /// overwrites the oldest value instead of failing.
    /// </summary>
    Exist = 2,

    /// <summary>BPF_F_LOCK: write the value while holding its <c>struct bpf_spin_lock</c> (the value type must have one, described by BTF).</summary>
    Lock = 4,
}

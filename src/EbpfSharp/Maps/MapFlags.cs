namespace EbpfSharp;

/// <summary>Creation flags of a map declared in a program (kernel: include/uapi/linux/bpf.h, BPF_F_*).</summary>
[Flags]
public enum MapFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>BPF_F_NO_PREALLOC: allocate hash elements on update instead of all at creation (LPM tries always have it).</summary>
    NoPreallocate = 1 << 0,

    /// <summary>BPF_F_NO_COMMON_LRU: LRU hash maps keep one LRU list per CPU.</summary>
    NoCommonLru = 1 << 1,

    /// <summary>BPF_F_RDONLY_PROG: programs may only read the map.</summary>
    ReadOnlyProgram = 1 << 7,

    /// <summary>BPF_F_WRONLY_PROG: programs may only write the map.</summary>
    WriteOnlyProgram = 1 << 8,

    /// <summary>BPF_F_MMAPABLE: an array map the host can map into its memory.</summary>
    Mmapable = 1 << 10,

    /// <summary>BPF_F_ZERO_SEED: hash with seed 0, so iteration order is reproducible (for tests).</summary>
    ZeroSeed = 1 << 6,
}

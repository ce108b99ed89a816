namespace EbpfSharp.Object;

/// <summary>Flags of BPF_MAP_CREATE (kernel: include/uapi/linux/bpf.h).</summary>
[Flags]
public enum BpfMapFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>BPF_F_NO_PREALLOC: required for LPM tries.</summary>
    NoPrealloc = 0x1,
    /// <summary>BPF_F_NO_COMMON_LRU</summary>
    NoCommonLru = 0x2,
    /// <summary>BPF_F_NUMA_NODE</summary>
    NumaNode = 0x4,
    /// <summary>BPF_F_RDONLY: read-only from user space.</summary>
    ReadOnly = 0x8,
    /// <summary>BPF_F_WRONLY: write-only from user space.</summary>
    WriteOnly = 0x10,
    /// <summary>BPF_F_STACK_BUILD_ID</summary>
    StackBuildId = 0x20,
    /// <summary>BPF_F_ZERO_SEED</summary>
    ZeroSeed = 0x40,
    /// <summary>BPF_F_RDONLY_PROG: read-only for programs (.rodata).</summary>
    ReadOnlyProgram = 0x80,
    /// <summary>BPF_F_WRONLY_PROG</summary>
    WriteOnlyProgram = 0x100,
    /// <summary>BPF_F_CLONE</summary>
    Clone = 0x200,
    /// <summary>BPF_F_MMAPABLE: the value area can be mapped into user space (global data).</summary>
    Mmapable = 0x400,
    /// <summary>BPF_F_PRESERVE_ELEMS</summary>
    PreserveElements = 0x800,
    /// <summary>BPF_F_INNER_MAP</summary>
    InnerMap = 0x1000,
}

using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>
/// union bpf_attr for BPF_MAP_LOOKUP_BATCH, BPF_MAP_LOOKUP_AND_DELETE_BATCH, BPF_MAP_UPDATE_BATCH and
/// BPF_MAP_DELETE_BATCH (kernel: include/uapi/linux/bpf.h, union bpf_attr, struct batch).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 56)]
internal struct MapBatchAttributes
{
    /// <summary>Where to resume (null = from the start); the kernel reads a u32 bucket (hash maps) or a key (others).</summary>
    [FieldOffset(0)] public ulong InBatch;
    /// <summary>Where the kernel writes the position to resume from.</summary>
    [FieldOffset(8)] public ulong OutBatch;
    [FieldOffset(16)] public ulong Keys;
    [FieldOffset(24)] public ulong Values;
    /// <summary>In: entries the buffers hold. Out: entries processed, also when the call fails.</summary>
    [FieldOffset(32)] public uint Count;
    [FieldOffset(36)] public uint MapFd;
    /// <summary>Per-element flags (BPF_F_LOCK).</summary>
    [FieldOffset(40)] public ulong ElementFlags;
    [FieldOffset(48)] public ulong Flags;
}

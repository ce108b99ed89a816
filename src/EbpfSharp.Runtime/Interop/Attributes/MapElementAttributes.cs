using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>
/// union bpf_attr for BPF_MAP_LOOKUP_ELEM, BPF_MAP_UPDATE_ELEM, BPF_MAP_DELETE_ELEM, BPF_MAP_GET_NEXT_KEY and
/// BPF_MAP_LOOKUP_AND_DELETE_ELEM (kernel: include/uapi/linux/bpf.h, union bpf_attr (BPF_MAP_*_ELEM)).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct MapElementAttributes
{
    [FieldOffset(0)] public uint MapFd;
    /// <summary>Pointer to the key; null for maps without keys (queue, stack, bloom filter) and for "first key".</summary>
    [FieldOffset(8)] public ulong Key;
    /// <summary>Pointer to the value buffer.</summary>
    [FieldOffset(16)] public ulong Value;
    /// <summary>Pointer to the next-key buffer (BPF_MAP_GET_NEXT_KEY); shares its slot with <see cref="Value"/>.</summary>
    [FieldOffset(16)] public ulong NextKey;
    /// <summary>BPF_ANY, BPF_NOEXIST, BPF_EXIST, BPF_F_LOCK.</summary>
    [FieldOffset(24)] public ulong Flags;
}

using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>union bpf_attr for BPF_RAW_TRACEPOINT_OPEN (kernel: include/uapi/linux/bpf.h, struct "raw_tracepoint").</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct RawTracepointOpenAttributes
{
    /// <summary>Pointer to the NUL-terminated tracepoint name; 0 for tp_btf/fentry programs, which name their target at load.</summary>
    [FieldOffset(0)] public ulong Name;
    [FieldOffset(8)] public uint ProgramFd;
}

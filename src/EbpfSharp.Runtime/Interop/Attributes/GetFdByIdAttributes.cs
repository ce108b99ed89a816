using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>
/// union bpf_attr for BPF_*_GET_FD_BY_ID (kernel: include/uapi/linux/bpf.h, union bpf_attr: the anonymous struct of
/// start_id/prog_id/map_id/btf_id/link_id, next_id, open_flags).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 12)]
internal struct GetFdByIdAttributes
{
    [FieldOffset(0)] public uint Id;
    [FieldOffset(4)] public uint NextId;
    [FieldOffset(8)] public uint OpenFlags;
}

using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>
/// union bpf_attr for BPF_OBJ_PIN and BPF_OBJ_GET, for maps, programs and links alike (kernel:
/// include/uapi/linux/bpf.h, union bpf_attr, the anonymous struct used by BPF_OBJ_* commands). <c>path_fd</c> (6.5+) stays 0: paths
/// are resolved against the working directory.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal struct ObjectPathAttributes
{
    /// <summary>Pointer to the NUL-terminated path.</summary>
    [FieldOffset(0)] public ulong PathName;
    /// <summary>The descriptor to pin (BPF_OBJ_PIN); 0 for BPF_OBJ_GET.</summary>
    [FieldOffset(8)] public uint BpfFd;
    /// <summary>BPF_OBJ_GET: BPF_F_RDONLY / BPF_F_WRONLY for the new descriptor; 0 for read-write.</summary>
    [FieldOffset(12)] public uint FileFlags;
    [FieldOffset(16)] public int PathFd;
}

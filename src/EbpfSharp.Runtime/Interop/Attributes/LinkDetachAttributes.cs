using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>union bpf_attr for BPF_LINK_DETACH (kernel: include/uapi/linux/bpf.h, struct "link_detach").</summary>
[StructLayout(LayoutKind.Explicit, Size = 8)]
internal struct LinkDetachAttributes
{
    [FieldOffset(0)] public uint LinkFd;
}

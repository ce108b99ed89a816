using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>
/// The head of struct bpf_link_info (kernel: include/uapi/linux/bpf.h): type, id and program id. The kernel fills
/// as much of the struct as the caller asks for, so the per-kind union after it is left out.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 12)]
internal struct LinkKernelInfo
{
    [FieldOffset(0)] public uint Type;
    [FieldOffset(4)] public uint Id;
    [FieldOffset(8)] public uint ProgramId;
}

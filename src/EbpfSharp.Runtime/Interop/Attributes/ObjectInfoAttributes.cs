using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>
/// union bpf_attr for BPF_OBJ_GET_INFO_BY_FD on a map, program or link descriptor (kernel: include/uapi/linux/bpf.h,
/// union bpf_attr, struct info).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct ObjectInfoAttributes
{
    [FieldOffset(0)] public uint BpfFd;
    /// <summary>In: bytes available at <see cref="Info"/>. Out: bytes the kernel filled.</summary>
    [FieldOffset(4)] public uint InfoLength;
    /// <summary>Pointer to the info struct of the descriptor's kind (<see cref="MapKernelInfo"/>, <see cref="ProgramInfoAttributes"/>).</summary>
    [FieldOffset(8)] public ulong Info;
}

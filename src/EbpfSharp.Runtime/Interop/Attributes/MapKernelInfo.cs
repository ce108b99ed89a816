using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>
/// struct bpf_map_info as of Linux 6.1 (kernel: include/uapi/linux/bpf.h, struct bpf_map_info). Newer kernels
/// append fields; the kernel fills only the <c>info_len</c> bytes it is given, so this prefix stays valid.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 88)]
internal unsafe struct MapKernelInfo
{
    [FieldOffset(0)] public uint Type;
    [FieldOffset(4)] public uint Id;
    [FieldOffset(8)] public uint KeySize;
    [FieldOffset(12)] public uint ValueSize;
    [FieldOffset(16)] public uint MaxEntries;
    [FieldOffset(20)] public uint MapFlags;
    [FieldOffset(24)] public fixed byte Name[16];
    [FieldOffset(40)] public uint IfIndex;
    [FieldOffset(44)] public uint BtfVmlinuxValueTypeId;
    [FieldOffset(48)] public ulong NetnsDev;
    [FieldOffset(56)] public ulong NetnsIno;
    [FieldOffset(64)] public uint BtfId;
    [FieldOffset(68)] public uint BtfKeyTypeId;
    [FieldOffset(72)] public uint BtfValueTypeId;
    [FieldOffset(80)] public ulong MapExtra;
}

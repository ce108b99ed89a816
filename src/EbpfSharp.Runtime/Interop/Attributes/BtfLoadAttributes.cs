using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>union bpf_attr for BPF_BTF_LOAD (kernel: include/uapi/linux/bpf.h).</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct BtfLoadAttributes
{
    [FieldOffset(0)] public ulong Btf;
    [FieldOffset(8)] public ulong LogBuffer;
    [FieldOffset(16)] public uint BtfSize;
    [FieldOffset(20)] public uint LogSize;
    [FieldOffset(24)] public uint LogLevel;
    [FieldOffset(28)] public uint LogTrueSize;
    [FieldOffset(32)] public uint Flags;
    [FieldOffset(36)] public int TokenFd;
}

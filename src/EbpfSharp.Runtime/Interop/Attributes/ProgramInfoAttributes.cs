using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>struct bpf_prog_info (kernel: include/uapi/linux/bpf.h), up to attach_btf_id.</summary>
[StructLayout(LayoutKind.Explicit, Size = 232)]
internal unsafe struct ProgramInfoAttributes
{
    [FieldOffset(0)] public uint Type;
    [FieldOffset(4)] public uint Id;
    [FieldOffset(8)] public fixed byte Tag[8];
    [FieldOffset(16)] public uint JitedProgramLength;
    [FieldOffset(20)] public uint TranslatedProgramLength;
    [FieldOffset(24)] public ulong JitedProgramInstructions;
    [FieldOffset(32)] public ulong TranslatedProgramInstructions;
    [FieldOffset(40)] public ulong LoadTime;
    [FieldOffset(48)] public uint CreatedByUid;
    [FieldOffset(52)] public uint MapIdCount;
    [FieldOffset(56)] public ulong MapIds;
    [FieldOffset(64)] public fixed byte Name[16];
    [FieldOffset(80)] public uint IfIndex;
    [FieldOffset(84)] public uint GplCompatible;   // bit 0
    [FieldOffset(88)] public ulong NetNamespaceDevice;
    [FieldOffset(96)] public ulong NetNamespaceInode;
    [FieldOffset(128)] public uint BtfId;
    [FieldOffset(144)] public uint FunctionInfoCount;
    [FieldOffset(148)] public uint LineInfoCount;
    [FieldOffset(192)] public ulong RunTimeNanoseconds;
    [FieldOffset(200)] public ulong RunCount;
    [FieldOffset(208)] public ulong RecursionMisses;
    [FieldOffset(216)] public uint VerifiedInstructions;
    [FieldOffset(220)] public uint AttachBtfObjectId;
    [FieldOffset(224)] public uint AttachBtfId;
}

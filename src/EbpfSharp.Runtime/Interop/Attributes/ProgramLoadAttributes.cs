using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>union bpf_attr for BPF_PROG_LOAD (kernel: include/uapi/linux/bpf.h).</summary>
[StructLayout(LayoutKind.Explicit, Size = 144)]
internal unsafe struct ProgramLoadAttributes
{
    [FieldOffset(0)] public uint ProgramType;
    [FieldOffset(4)] public uint InstructionCount;
    [FieldOffset(8)] public ulong Instructions;
    [FieldOffset(16)] public ulong License;
    [FieldOffset(24)] public uint LogLevel;
    [FieldOffset(28)] public uint LogSize;
    [FieldOffset(32)] public ulong LogBuffer;
    [FieldOffset(40)] public uint KernelVersion;
    [FieldOffset(44)] public uint ProgramFlags;
    [FieldOffset(48)] public fixed byte ProgramName[16];
    [FieldOffset(64)] public uint ProgramIfIndex;
    [FieldOffset(68)] public uint ExpectedAttachType;
    [FieldOffset(72)] public uint ProgramBtfFd;
    [FieldOffset(76)] public uint FunctionInfoRecordSize;
    [FieldOffset(80)] public ulong FunctionInfo;
    [FieldOffset(88)] public uint FunctionInfoCount;
    [FieldOffset(92)] public uint LineInfoRecordSize;
    [FieldOffset(96)] public ulong LineInfo;
    [FieldOffset(104)] public uint LineInfoCount;
    [FieldOffset(108)] public uint AttachBtfId;
    [FieldOffset(112)] public uint AttachBtfObjectFd;
    [FieldOffset(116)] public uint CoreRelocationCount;
    [FieldOffset(120)] public ulong FdArray;
    [FieldOffset(128)] public ulong CoreRelocations;
    [FieldOffset(136)] public uint CoreRelocationRecordSize;
    [FieldOffset(140)] public uint LogTrueSize;
}

/// <summary>union bpf_attr for BPF_PROG_TEST_RUN (kernel: include/uapi/linux/bpf.h, struct "test").</summary>
[StructLayout(LayoutKind.Explicit, Size = 80)]
internal struct TestRunAttributes
{
    [FieldOffset(0)] public uint ProgramFd;
    [FieldOffset(4)] public uint ReturnValue;
    [FieldOffset(8)] public uint DataSizeIn;
    [FieldOffset(12)] public uint DataSizeOut;
    [FieldOffset(16)] public ulong DataIn;
    [FieldOffset(24)] public ulong DataOut;
    [FieldOffset(32)] public uint Repeat;
    [FieldOffset(36)] public uint Duration;
    [FieldOffset(40)] public uint ContextSizeIn;
    [FieldOffset(44)] public uint ContextSizeOut;
    [FieldOffset(48)] public ulong ContextIn;
    [FieldOffset(56)] public ulong ContextOut;
    [FieldOffset(64)] public uint Flags;
    [FieldOffset(68)] public uint Cpu;
    [FieldOffset(72)] public uint BatchSize;
}

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

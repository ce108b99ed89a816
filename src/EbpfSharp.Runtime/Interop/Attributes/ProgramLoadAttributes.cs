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

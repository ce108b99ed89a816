using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop.Attributes;

/// <summary>
/// struct perf_event_attr, PERF_ATTR_SIZE_VER8 (kernel: include/uapi/linux/perf_event.h). Only the fields
/// used to open kprobe, uprobe, tracepoint and BPF output events are named; the rest stay zero.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct PerfEventAttributes
{
    /// <summary>sizeof(struct perf_event_attr) as of kernel 6.3 (PERF_ATTR_SIZE_VER8); older kernels accept it when the tail is zero.</summary>
    public const int Size = 136;

    /// <summary>PERF_TYPE_TRACEPOINT: config is a tracefs event id (kernel: include/uapi/linux/perf_event.h, enum perf_type_id).</summary>
    public const uint TypeTracepoint = 2;

    /// <summary>PERF_TYPE_SOFTWARE: config is one of enum perf_sw_ids.</summary>
    public const uint TypeSoftware = 1;

    [FieldOffset(0)] public uint Type;
    [FieldOffset(4)] public uint AttributesSize;
    [FieldOffset(8)] public ulong Config;
    [FieldOffset(16)] public ulong SamplePeriod;
    [FieldOffset(24)] public ulong SampleType;
    [FieldOffset(32)] public ulong ReadFormat;
    /// <summary>The bitfield word that starts with disabled:1, inherit:1, pinned:1, …</summary>
    [FieldOffset(40)] public ulong Flags;
    [FieldOffset(48)] public uint WakeupEvents;
    [FieldOffset(52)] public uint BreakpointType;
    /// <summary>config1: kprobe_func or uprobe_path, a pointer to a NUL-terminated string.</summary>
    [FieldOffset(56)] public ulong Config1;
    /// <summary>config2: probe_offset (kprobe: offset into the function; uprobe: file offset in the binary).</summary>
    [FieldOffset(64)] public ulong Config2;
}

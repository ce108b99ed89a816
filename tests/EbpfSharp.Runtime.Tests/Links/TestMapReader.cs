using System.Runtime.InteropServices;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime.Tests.Links;

/// <summary>
/// TEMPORARY, test-only: reads one 8-byte value with a raw BPF_MAP_LOOKUP_ELEM. Replace with
/// BpfMap.TryLookup once the map-operations branch is merged.
/// </summary>
internal static unsafe class TestMapReader
{
    /// <summary>The 8-byte value at 4-byte key <paramref name="key"/>.</summary>
    public static ulong ReadUInt64(BpfMap map, uint key = 0)
    {
        ulong value = 0;
        uint keyCopy = key;
        using var lease = map.Handle.Borrow();
        var attributes = new LookupAttributes { MapFd = (uint)lease.Fd, Key = (ulong)&keyCopy, Value = (ulong)&value };
        BpfSyscall.Invoke(BpfCommand.MapLookupElement, ref attributes, () => $"Reading key {key} of {map}");
        return value;
    }

    // union bpf_attr for BPF_MAP_LOOKUP_ELEM (kernel: include/uapi/linux/bpf.h).
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    private struct LookupAttributes
    {
        [FieldOffset(0)] public uint MapFd;
        [FieldOffset(8)] public ulong Key;
        [FieldOffset(16)] public ulong Value;
        [FieldOffset(24)] public ulong Flags;
    }
}

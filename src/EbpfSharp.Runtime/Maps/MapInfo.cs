using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>What the kernel reports about a map (struct bpf_map_info, from BPF_OBJ_GET_INFO_BY_FD).</summary>
/// <param name="Type">The map type.</param>
/// <param name="Id">The kernel-wide map id (as bpftool shows it), stable for the map's lifetime.</param>
/// <param name="KeySize">Bytes per key.</param>
/// <param name="ValueSize">Bytes per value (per CPU for per-CPU maps).</param>
/// <param name="MaxEntries">Capacity.</param>
/// <param name="Flags">Creation flags.</param>
/// <param name="Name">The name the kernel kept (at most 15 characters).</param>
/// <param name="BtfId">The id of the map's BTF object, 0 without BTF.</param>
/// <param name="BtfKeyTypeId">The key's type id in that BTF, 0 without.</param>
/// <param name="BtfValueTypeId">The value's type id in that BTF, 0 without.</param>
/// <param name="MapExtra">Type-specific extra value (bloom filter hash count).</param>
/// <param name="IfIndex">The network device of an offloaded map, 0 otherwise.</param>
public sealed record MapInfo(
    BpfMapType Type,
    int Id,
    int KeySize,
    int ValueSize,
    int MaxEntries,
    BpfMapFlags Flags,
    string Name,
    int BtfId,
    int BtfKeyTypeId,
    int BtfValueTypeId,
    ulong MapExtra,
    int IfIndex);

using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>
/// Everything BPF_MAP_CREATE needs to create a map. Key and value sizes are in bytes; BTF type ids are
/// optional and give tools such as bpftool typed keys and values.
/// </summary>
/// <param name="Name">The map's name (sanitized to 15 characters of [A-Za-z0-9_.] for the kernel).</param>
/// <param name="Type">The map type.</param>
/// <param name="KeySize">Bytes per key (0 for queues, stacks, bloom filters and ring buffers).</param>
/// <param name="ValueSize">Bytes per value (0 for ring buffers).</param>
/// <param name="MaxEntries">Capacity; for ring buffers, the size in bytes (a power-of-two multiple of the page size).</param>
/// <param name="Flags">Creation flags.</param>
public sealed record MapDefinition(string Name, BpfMapType Type, int KeySize, int ValueSize, int MaxEntries, BpfMapFlags Flags = BpfMapFlags.None)
{
    /// <summary>BTF id of the key type in the object's BTF (0 for none).</summary>
    public int BtfKeyTypeId { get; init; }

    /// <summary>BTF id of the value type in the object's BTF (0 for none).</summary>
    public int BtfValueTypeId { get; init; }

    /// <summary>The NUMA node to allocate on, with <see cref="BpfMapFlags.NumaNode"/>.</summary>
    public int NumaNode { get; init; }

    /// <summary>Type-specific extra value (bloom filter hash count, arena address).</summary>
    public ulong MapExtra { get; init; }

    /// <summary>For maps of maps: a map with the inner maps' shape, needed while creating the outer map.</summary>
    public MapDefinition? InnerMap { get; init; }
}

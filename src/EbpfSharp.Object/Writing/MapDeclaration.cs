namespace EbpfSharp.Object.Writing;

/// <summary>
/// A BTF-defined map in the <c>.maps</c> section, as libbpf reads it. Give the key and value either as BTF
/// type ids (so bpftool prints typed entries) or as plain sizes.
/// </summary>
/// <param name="Name">The map's symbol and VAR name.</param>
/// <param name="Type">The map type.</param>
/// <param name="MaxEntries">Capacity (for ring buffers, bytes).</param>
public sealed record MapDeclaration(string Name, BpfMapType Type, uint MaxEntries)
{
    /// <summary>BTF type of the key, or 0 to give <see cref="KeySize"/> instead.</summary>
    public int KeyTypeId { get; init; }

    /// <summary>Key size in bytes when there is no key type (0 for keyless maps).</summary>
    public uint KeySize { get; init; }

    /// <summary>BTF type of the value, or 0 to give <see cref="ValueSize"/> instead.</summary>
    public int ValueTypeId { get; init; }

    /// <summary>Value size in bytes when there is no value type.</summary>
    public uint ValueSize { get; init; }

    /// <summary>Creation flags.</summary>
    public BpfMapFlags Flags { get; init; }

    /// <summary>Pinning by name.</summary>
    public MapPinning Pinning { get; init; }

    /// <summary>Type-specific extra value (bloom filter hash functions).</summary>
    public ulong MapExtra { get; init; }
}

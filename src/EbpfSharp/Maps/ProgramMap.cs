namespace EbpfSharp;

/// <summary>
/// The base of every map a program declares as a <c>static readonly</c> field. In a compiled program the field
/// is a map in the object's <c>.maps</c> section and its methods are kernel helper calls; on the CLR the same
/// object holds the contents in process memory, so programs run and can be unit tested without a kernel.
/// </summary>
public abstract class ProgramMap
{
    private protected ProgramMap(MapKind kind, int keySize, int valueSize, int maxEntries, MapFlags flags, bool pinned)
    {
        if (maxEntries <= 0 && kind != MapKind.PerfEventArray)
            throw new ArgumentOutOfRangeException(nameof(maxEntries), maxEntries, "A map needs at least one entry.");
        Kind = kind;
        KeySize = keySize;
        ValueSize = valueSize;
        MaxEntries = maxEntries;
        Flags = flags;
        Pinned = pinned;
    }

    /// <summary>The kernel map type.</summary>
    public MapKind Kind { get; }

    /// <summary>Key size in bytes (0 for maps without keys).</summary>
    public int KeySize { get; }

    /// <summary>Value size in bytes.</summary>
    public int ValueSize { get; }

    /// <summary>Capacity in entries (for a ring buffer, in bytes).</summary>
    public int MaxEntries { get; }

    /// <summary>Creation flags.</summary>
    public MapFlags Flags { get; }

    /// <summary>Whether the map is pinned by name (<c>LIBBPF_PIN_BY_NAME</c>) and shared between loads.</summary>
    public bool Pinned { get; }

    /// <summary>
    /// The managed contents as the kernel would show them to the host, for tests that compare both: for keyed
    /// maps, every present key with its value (per-CPU maps: one value per possible CPU, each padded to 8 bytes,
    /// back to back, as <c>BPF_MAP_LOOKUP_ELEM</c> returns them), sorted by key bytes; for queues, stacks, ring
    /// buffers and perf event arrays, the pending elements in the order the host would read them, with empty
    /// keys; for bloom filters, the values added, in order, with empty keys. Reading does not consume anything.
    /// </summary>
    public abstract IReadOnlyList<(byte[] Key, byte[] Value)> ContentBytes();

    /// <summary>Empties the managed contents (arrays: every value back to zero).</summary>
    public abstract void Clear();
}

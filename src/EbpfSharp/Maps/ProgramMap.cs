using EbpfSharp.Maps.Managed;

namespace EbpfSharp;

/// <summary>
/// The base of every map a program declares as a <c>static readonly</c> field. In a compiled program the field
/// is a map in the object's <c>.maps</c> section and its methods are kernel helper calls; on the CLR the same
/// object holds the contents in process memory, so programs run and can be unit tested without a kernel.
/// </summary>
/// <remarks>
/// The CLR implementations give what the kernel's helpers give (Linux 6.18): the same return values and errno,
/// keys compared byte for byte, padding included, values in native memory that stays valid after an element is
/// replaced or deleted, and per-CPU values chosen by <see cref="Bpf.GetSmpProcessorId"/>. Several programs may
/// use a map at once from different threads. Where the kernel is approximate (LRU eviction, bloom filter false
/// positives, stack ids) the CLR is exact or, for stacks, an approximation; each map kind's documentation says so.
/// </remarks>
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
    /// On the CLR: the number of possible CPUs (from <c>/sys/devices/system/cpu/possible</c>, else
    /// <see cref="Environment.ProcessorCount"/>), which is how many values a per-CPU map keeps per key. Programs on
    /// the CLR see the value of the CPU <see cref="Bpf.GetSmpProcessorId"/> names.
    /// </summary>
    [ClrOnly]
    public static int PossibleCpuCount => PossibleCpus.Count;

    /// <summary>
    /// The managed contents as the kernel would show them to the host, for tests that compare both. Reading does
    /// not consume anything.
    /// <list type="bullet">
    /// <item>Hash maps and LPM tries: every present key with its value, sorted by key bytes (lexicographically).
    /// Per-CPU maps give one value per possible CPU (<see cref="PossibleCpuCount"/>), each padded with zeros to a
    /// multiple of 8 bytes, back to back, as <c>BPF_MAP_LOOKUP_ELEM</c> returns them.</item>
    /// <item>Arrays: every index in order, its key as 4 little-endian bytes (per-CPU arrays as above).</item>
    /// <item>Queues and stacks: the values in the order pops would take them, with empty keys.</item>
    /// <item>Bloom filters: the distinct values added, in the order first added, with empty keys.</item>
    /// <item>Ring buffers: the submitted records not yet read, in the order the reader will see them, with empty
    /// keys (records still reserved are left out).</item>
    /// <item>Perf event arrays: every CPU's pending records, by CPU, oldest first, the key the CPU as 4
    /// little-endian bytes.</item>
    /// <item>Program arrays: the occupied slots in order, the key the index as 4 little-endian bytes, with empty
    /// values.</item>
    /// <item>Stack trace maps: every stored stack sorted by key bytes, the key the stack id as 4 little-endian
    /// bytes, the value its frames as 8-byte little-endian addresses padded with zeros to
    /// <see cref="StackTraceMap.Depth"/> frames.</item>
    /// </list>
    /// </summary>
    public abstract IReadOnlyList<(byte[] Key, byte[] Value)> ContentBytes();

    /// <summary>
    /// On the CLR: empties the map (arrays: every value back to zero; program arrays: every slot). Pointers that
    /// lookups returned are invalid afterwards; call it between program runs, as a test's setup does.
    /// </summary>
    public abstract void Clear();
}

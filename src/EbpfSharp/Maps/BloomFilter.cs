using EbpfSharp.Maps.Managed;

namespace EbpfSharp;

/// <summary>
/// A bloom filter (<c>BPF_MAP_TYPE_BLOOM_FILTER</c>) of <typeparamref name="T"/>: a set that can answer "certainly
/// absent" or "probably present" in constant space. Values cannot be removed.
/// </summary>
[MapKind(MapKind.BloomFilter)]
public sealed unsafe class BloomFilter<T> : ProgramMap
    where T : unmanaged
{
    private readonly BloomSet _values;

    /// <summary>Declares the filter.</summary>
    /// <param name="maxEntries">How many values it is sized for.</param>
    /// <param name="hashCount">Hash functions per value, 1 to 15 (the kernel's default is 5).</param>
    /// <param name="flags">Creation flags.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public BloomFilter(int maxEntries, int hashCount = 5, MapFlags flags = MapFlags.None, bool pinned = false)
        : base(MapKind.BloomFilter, 0, sizeof(T), maxEntries, flags, pinned)
    {
        if (hashCount is < 1 or > 15)
            throw new ArgumentOutOfRangeException(nameof(hashCount), hashCount, "A bloom filter uses 1 to 15 hash functions.");
        HashCount = hashCount;
        _values = new BloomSet(sizeof(T));
    }

    /// <summary>Hash functions per value.</summary>
    public int HashCount { get; }

    /// <summary>Adds <paramref name="value"/> (<c>bpf_map_push_elem</c>).</summary>
    /// <returns>True (a bloom filter never fills up).</returns>
    public bool Add(T value) => PushElement(&value, 0) == 0;

    /// <summary>
    /// Whether <paramref name="value"/> may have been added (<c>bpf_map_peek_elem</c>): false means certainly not;
    /// true means added, or a false positive. The CLR implementation is exact: it has no false positives.
    /// </summary>
    public bool Contains(T value) => PeekElement(&value) == 0;

    [BpfHelper(87)]
    internal long PushElement(void* value, ulong flags) => _values.Push(value, flags);

    [BpfHelper(89)]
    internal long PeekElement(void* value) => _values.Peek(value);

    /// <inheritdoc/>
    public override IReadOnlyList<(byte[] Key, byte[] Value)> ContentBytes() => _values.Contents();

    /// <inheritdoc/>
    public override void Clear() => _values.Clear();
}

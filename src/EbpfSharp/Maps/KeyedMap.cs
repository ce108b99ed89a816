using EbpfSharp.Maps.Managed;

namespace EbpfSharp;

/// <summary>
/// What hash maps, LRU hash maps, their per-CPU forms and LPM tries share: lookups that return a pointer to the
/// value in the map (null when absent), updates with <see cref="MapUpdateFlags"/>, deletes. Keys are passed by
/// value; the compiler copies them to zeroed stack memory, padding included, as the kernel compares key bytes.
/// </summary>
public abstract unsafe class KeyedMap<TKey, TValue> : ProgramMap
    where TKey : unmanaged
    where TValue : unmanaged
{
    private readonly KeyedStore _store;

    private protected KeyedMap(MapKind kind, int maxEntries, MapFlags flags, bool pinned)
        : base(kind, sizeof(TKey), sizeof(TValue), maxEntries, flags, pinned)
    {
        _store = kind == MapKind.LpmTrie
            ? new PrefixTrie(sizeof(TKey), sizeof(TValue), maxEntries)
            : new HashTable(kind, sizeof(TKey), sizeof(TValue), maxEntries);
    }

    /// <summary>
    /// A pointer to the value stored for <paramref name="key"/>, or null when there is none
    /// (<c>bpf_map_lookup_elem</c>). Writes through it change the map; use <c>Interlocked</c> for counters
    /// other CPUs update too. Per-CPU maps return this CPU's value.
    /// </summary>
    public TValue* Lookup(TKey key) => (TValue*)LookupElement(&key);

    /// <summary>Stores <paramref name="value"/> for <paramref name="key"/> (<c>bpf_map_update_elem</c>).</summary>
    /// <returns>True, or false when the map is full, or the flags' condition fails.</returns>
    public bool Update(TKey key, TValue value, MapUpdateFlags flags = MapUpdateFlags.Any) => UpdateElement(&key, &value, (ulong)flags) == 0;

    /// <summary>Removes <paramref name="key"/> (<c>bpf_map_delete_elem</c>).</summary>
    /// <returns>True, or false when the key was absent.</returns>
    public bool Delete(TKey key) => DeleteElement(&key) == 0;

    [BpfHelper(1)]
    internal void* LookupElement(void* key) => _store.Lookup(key);

    [BpfHelper(2)]
    internal long UpdateElement(void* key, void* value, ulong flags) => _store.Update(key, value, flags);

    [BpfHelper(3)]
    internal long DeleteElement(void* key) => _store.Delete(key);

    /// <inheritdoc/>
    public override IReadOnlyList<(byte[] Key, byte[] Value)> ContentBytes() => _store.Contents();

    /// <inheritdoc/>
    public override void Clear() => _store.Clear();
}

namespace EbpfSharp;

/// <summary>
/// A map from <typeparamref name="TKey"/> to <typeparamref name="TValue"/>: an LRU hash map (<c>BPF_MAP_TYPE_LRU_HASH</c>): when full, an update evicts the least recently used element instead of failing.
/// </summary>
/// <remarks>
/// On the CLR the least recently used element (by lookups and updates) is evicted exactly when a new key finds the
/// map full. The kernel's LRU is approximate: it keeps per-CPU free lists and evicts in batches, so it may evict
/// before the map is full, and may evict another key even while an update replaces an existing one.
/// </remarks>
[MapKind(MapKind.LruHash)]
public sealed unsafe class LruHashMap<TKey, TValue> : KeyedMap<TKey, TValue>
    where TKey : unmanaged
    where TValue : unmanaged
{
    /// <summary>Declares the map.</summary>
    /// <param name="maxEntries">Capacity.</param>
    /// <param name="flags">Creation flags.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public LruHashMap(int maxEntries, MapFlags flags = MapFlags.None, bool pinned = false)
        : base(MapKind.LruHash, maxEntries, flags, pinned)
    {
    }
}

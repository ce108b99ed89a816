namespace EbpfSharp;

/// <summary>
/// A map from <typeparamref name="TKey"/> to <typeparamref name="TValue"/>: an LRU per-CPU hash map (<c>BPF_MAP_TYPE_LRU_PERCPU_HASH</c>): per-CPU values, and the least recently used key is evicted when full.
/// </summary>
/// <remarks>
/// On the CLR the least recently used element (by lookups and updates) is evicted exactly when a new key finds the
/// map full. The kernel's LRU is approximate: it keeps per-CPU free lists and evicts in batches, so it may evict
/// before the map is full, and may evict another key even while an update replaces an existing one.
/// </remarks>
[MapKind(MapKind.LruPerCpuHash)]
public sealed unsafe class LruPerCpuHashMap<TKey, TValue> : KeyedMap<TKey, TValue>
    where TKey : unmanaged
    where TValue : unmanaged
{
    /// <summary>Declares the map.</summary>
    /// <param name="maxEntries">Capacity.</param>
    /// <param name="flags">Creation flags.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public LruPerCpuHashMap(int maxEntries, MapFlags flags = MapFlags.None, bool pinned = false)
        : base(MapKind.LruPerCpuHash, maxEntries, flags, pinned)
    {
    }
}

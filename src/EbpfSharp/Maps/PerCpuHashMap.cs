namespace EbpfSharp;

/// <summary>
/// A map from <typeparamref name="TKey"/> to <typeparamref name="TValue"/>: a per-CPU hash map (<c>BPF_MAP_TYPE_PERCPU_HASH</c>): each CPU sees and updates its own value of every key, so updates need no atomics.
/// </summary>
[MapKind(MapKind.PerCpuHash)]
public sealed unsafe class PerCpuHashMap<TKey, TValue> : KeyedMap<TKey, TValue>
    where TKey : unmanaged
    where TValue : unmanaged
{
    /// <summary>Declares the map.</summary>
    /// <param name="maxEntries">Capacity.</param>
    /// <param name="flags">Creation flags.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public PerCpuHashMap(int maxEntries, MapFlags flags = MapFlags.None, bool pinned = false)
        : base(MapKind.PerCpuHash, maxEntries, flags, pinned)
    {
    }
}

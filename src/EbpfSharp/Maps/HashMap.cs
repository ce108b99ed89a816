namespace EbpfSharp;

/// <summary>
/// A hash map (<c>BPF_MAP_TYPE_HASH</c>) from <typeparamref name="TKey"/> to <typeparamref name="TValue"/>,
/// declared as <c>static readonly HashMap&lt;K, V&gt; Name = new(maxEntries: N);</c>.
/// </summary>
[MapKind(MapKind.Hash)]
public sealed unsafe class HashMap<TKey, TValue> : KeyedMap<TKey, TValue>
    where TKey : unmanaged
    where TValue : unmanaged
{
    /// <summary>Declares the map.</summary>
    /// <param name="maxEntries">Capacity; updates that would add more fail.</param>
    /// <param name="flags">Creation flags, such as <see cref="MapFlags.NoPreallocate"/>.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public HashMap(int maxEntries, MapFlags flags = MapFlags.None, bool pinned = false)
        : base(MapKind.Hash, maxEntries, flags, pinned)
    {
    }
}

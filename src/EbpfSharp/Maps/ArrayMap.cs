namespace EbpfSharp;

/// <summary>
/// An array map (<c>BPF_MAP_TYPE_ARRAY</c>) of <typeparamref name="TValue"/>, indexed from 0 to <c>maxEntries - 1</c>.
/// </summary>
[MapKind(MapKind.Array)]
public sealed unsafe class ArrayMap<TValue> : IndexedMap<TValue>
    where TValue : unmanaged
{
    /// <summary>Declares the map.</summary>
    /// <param name="maxEntries">Number of values.</param>
    /// <param name="flags">Creation flags.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public ArrayMap(int maxEntries, MapFlags flags = MapFlags.None, bool pinned = false)
        : base(MapKind.Array, maxEntries, flags, pinned)
    {
    }
}

namespace EbpfSharp;

/// <summary>A LIFO stack (<c>BPF_MAP_TYPE_STACK</c>) of <typeparamref name="T"/>: pops take the newest.</summary>
[MapKind(MapKind.Stack)]
public sealed class StackMap<T> : ValueStore<T>
    where T : unmanaged
{
    /// <summary>Declares the stack.</summary>
    /// <param name="maxEntries">Capacity.</param>
    /// <param name="flags">Creation flags.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public StackMap(int maxEntries, MapFlags flags = MapFlags.None, bool pinned = false)
        : base(MapKind.Stack, maxEntries, flags, pinned)
    {
    }
}

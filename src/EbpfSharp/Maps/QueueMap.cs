namespace EbpfSharp;

/// <summary>A FIFO queue (<c>BPF_MAP_TYPE_QUEUE</c>) of <typeparamref name="T"/>: <see cref="ValueStore{T}.Push"/> adds at the back, pops take the oldest.</summary>
[MapKind(MapKind.Queue)]
public sealed class QueueMap<T> : ValueStore<T>
    where T : unmanaged
{
    /// <summary>Declares the queue.</summary>
    /// <param name="maxEntries">Capacity.</param>
    /// <param name="flags">Creation flags.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public QueueMap(int maxEntries, MapFlags flags = MapFlags.None, bool pinned = false)
        : base(MapKind.Queue, maxEntries, flags, pinned)
    {
    }
}

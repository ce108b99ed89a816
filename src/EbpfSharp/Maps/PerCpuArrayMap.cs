namespace EbpfSharp;

/// <summary>
/// A per-CPU array map (<c>BPF_MAP_TYPE_PERCPU_ARRAY</c>): each CPU sees and updates its own copy of every value, so updates need no atomics; also the usual scratch space for data too large for the 512-byte stack of <typeparamref name="TValue"/>, indexed from 0 to <c>maxEntries - 1</c>.
/// </summary>
[MapKind(MapKind.PerCpuArray)]
public sealed unsafe class PerCpuArrayMap<TValue> : IndexedMap<TValue>
    where TValue : unmanaged
{
    /// <summary>Declares the map.</summary>
    /// <param name="maxEntries">Number of values.</param>
    /// <param name="flags">Creation flags.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public PerCpuArrayMap(int maxEntries, MapFlags flags = MapFlags.None, bool pinned = false)
        : base(MapKind.PerCpuArray, maxEntries, flags, pinned)
    {
    }
}

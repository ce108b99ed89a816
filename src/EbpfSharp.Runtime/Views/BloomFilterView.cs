using System.Runtime.CompilerServices;
using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>
/// A typed view of a bloom filter map: a set that answers "certainly not there" or "probably there". Values
/// cannot be removed or listed. The filter hashes every byte of a value, so values are written with their
/// padding zeroed, like map keys.
/// </summary>
/// <typeparam name="T">The value type, with the C layout.</typeparam>
/// <remarks>The view does not own the map unless constructed with <c>ownsMap: true</c>.</remarks>
public sealed class BloomFilterView<T> : IDisposable where T : unmanaged
{
    private static readonly string ViewName = ViewShape.Name("BloomFilterView", typeof(T));
    private readonly bool _ownsMap;

    /// <summary>Views <paramref name="map"/>.</summary>
    /// <param name="map">A BloomFilter map with sizeof(T)-byte values.</param>
    /// <param name="ownsMap">Whether <see cref="Dispose"/> also disposes the map.</param>
    /// <exception cref="ArgumentException">The map's type or value size does not fit the view.</exception>
    public BloomFilterView(BpfMap map, bool ownsMap = false)
    {
        ViewShape.CheckType(map, ViewName, BpfMapType.BloomFilter);
        ViewShape.CheckSizes(map, ViewName, 0, null, Unsafe.SizeOf<T>(), typeof(T));
        Map = map;
        _ownsMap = ownsMap;
    }

    /// <summary>The underlying map.</summary>
    public BpfMap Map { get; }

    /// <summary>Adds <paramref name="value"/> to the set.</summary>
    public void Add(T value)
    {
        Span<byte> bytes = stackalloc byte[Map.ValueSize];
        KeyBytes<T>.Write(value, bytes);
        Map.Push(bytes);
    }

    /// <summary>Whether <paramref name="value"/> may be in the set: false means it was certainly never added, true means it was added or is a false positive.</summary>
    public bool Contains(T value)
    {
        Span<byte> bytes = stackalloc byte[Map.ValueSize];
        KeyBytes<T>.Write(value, bytes);
        return Map.Contains(bytes);
    }

    /// <summary>Disposes the map if the view owns it; otherwise does nothing.</summary>
    public void Dispose()
    {
        if (_ownsMap)
            Map.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{ViewName} over {Map}";
}

using System.Runtime.CompilerServices;
using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>
/// A typed view of a queue (first in, first out) or stack (last in, first out) map, shared with programs that
/// push and pop the same <typeparamref name="T"/>.
/// </summary>
/// <typeparam name="T">The element type, with the C layout.</typeparam>
/// <remarks>The view does not own the map unless constructed with <c>ownsMap: true</c>.</remarks>
public sealed class QueueView<T> : IDisposable where T : unmanaged
{
    private static readonly string ViewName = ViewShape.Name("QueueView", typeof(T));
    private readonly bool _ownsMap;

    /// <summary>Views <paramref name="map"/>.</summary>
    /// <param name="map">A Queue or Stack map with sizeof(T)-byte values.</param>
    /// <param name="ownsMap">Whether <see cref="Dispose"/> also disposes the map.</param>
    /// <exception cref="ArgumentException">The map's type or value size does not fit the view.</exception>
    public QueueView(BpfMap map, bool ownsMap = false)
    {
        ViewShape.CheckType(map, ViewName, BpfMapType.Queue, BpfMapType.Stack);
        ViewShape.CheckSizes(map, ViewName, 0, null, Unsafe.SizeOf<T>(), typeof(T));
        Map = map;
        _ownsMap = ownsMap;
    }

    /// <summary>The underlying map.</summary>
    public BpfMap Map { get; }

    /// <summary>Whether the map is a stack (pops return the newest element) rather than a queue (the oldest).</summary>
    public bool IsStack => Map.Type == BpfMapType.Stack;

    /// <summary>How many elements the map holds at most.</summary>
    public int Capacity => Map.MaxEntries;

    /// <summary>Adds <paramref name="value"/>.</summary>
    /// <param name="value">The element.</param>
    /// <param name="flags"><see cref="MapUpdateFlags.Exist"/> makes a push onto a full map overwrite the oldest element instead of failing.</param>
    /// <exception cref="BpfLimitException">The map is full and <paramref name="flags"/> is not Exist.</exception>
    public void Push(T value, MapUpdateFlags flags = MapUpdateFlags.Any) => Map.Push(value, flags);

    /// <summary>Removes the next element: the oldest of a queue, the newest of a stack.</summary>
    /// <returns>False when the map is empty.</returns>
    public bool TryPop(out T value) => Map.TryPop(out value);

    /// <summary>Reads the element <see cref="TryPop"/> would remove, leaving it in place.</summary>
    /// <returns>False when the map is empty.</returns>
    public bool TryPeek(out T value) => Map.TryPeek(out value);

    /// <summary>Pops elements until the map is empty, lazily: each step of the enumeration is one pop.</summary>
    public IEnumerable<T> Drain()
    {
        while (TryPop(out var value))
            yield return value;
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

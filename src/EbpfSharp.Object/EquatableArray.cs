using System.Collections;

namespace EbpfSharp.Object;

/// <summary>
/// An immutable array that compares by content, so records holding lists (BTF members, parameters) are
/// equal when their elements are.
/// </summary>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly T[]? _items;

    /// <summary>Wraps a copy of <paramref name="items"/>.</summary>
    public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

    private EquatableArray(T[] items, bool _) => _items = items;

    /// <summary>Wraps <paramref name="items"/> without copying: for readers that built the array and never change it.</summary>
    internal static EquatableArray<T> Own(T[] items) => new(items, false);

    /// <summary>An empty array.</summary>
    public static EquatableArray<T> Empty => default;

    /// <inheritdoc />
    public int Count => _items?.Length ?? 0;

    /// <inheritdoc />
    public T this[int index] => (_items ?? [])[index];

    /// <summary>The elements as a span.</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <inheritdoc />
    public bool Equals(EquatableArray<T> other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsSpan())
            hash.Add(item);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether two arrays hold equal elements.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Whether two arrays differ.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>Wraps an array (copying it).</summary>
    public static implicit operator EquatableArray<T>(T[] items) => new(items);

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", AsSpan().ToArray())}]";
}

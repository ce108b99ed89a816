using EbpfSharp.Maps.Managed;

namespace EbpfSharp;

/// <summary>What queues and stacks share: values without keys, pushed and popped.</summary>
public abstract unsafe class ValueStore<T> : ProgramMap
    where T : unmanaged
{
    private readonly ValueSequence _values;

    private protected ValueStore(MapKind kind, int maxEntries, MapFlags flags, bool pinned)
        : base(kind, 0, sizeof(T), maxEntries, flags, pinned)
    {
        _values = new ValueSequence(lastInFirstOut: kind == MapKind.Stack, sizeof(T), maxEntries);
    }

    /// <summary>Adds <paramref name="value"/> (<c>bpf_map_push_elem</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="flags"><see cref="MapUpdateFlags.Exist"/> makes a full map drop its oldest value to make room.</param>
    /// <returns>True, or false when the map is full.</returns>
    public bool Push(T value, MapUpdateFlags flags = MapUpdateFlags.Any) => PushElement(&value, (ulong)flags) == 0;

    /// <summary>Takes the next value out (<c>bpf_map_pop_elem</c>): the oldest for a queue, the newest for a stack.</summary>
    /// <returns>True, or false when the map is empty.</returns>
    public bool TryPop(out T value)
    {
        value = default;
        fixed (T* destination = &value)
            return PopElement(destination) == 0;
    }

    /// <summary>Reads the next value without taking it out (<c>bpf_map_peek_elem</c>).</summary>
    /// <returns>True, or false when the map is empty.</returns>
    public bool TryPeek(out T value)
    {
        value = default;
        fixed (T* destination = &value)
            return PeekElement(destination) == 0;
    }

    [BpfHelper(87)]
    internal long PushElement(void* value, ulong flags) => _values.Push(value, flags);

    [BpfHelper(88)]
    internal long PopElement(void* value) => _values.Pop(value);

    [BpfHelper(89)]
    internal long PeekElement(void* value) => _values.Peek(value);

    /// <inheritdoc/>
    public override IReadOnlyList<(byte[] Key, byte[] Value)> ContentBytes() => _values.Contents();

    /// <inheritdoc/>
    public override void Clear() => _values.Clear();
}

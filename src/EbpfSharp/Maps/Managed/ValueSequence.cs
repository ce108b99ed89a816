namespace EbpfSharp.Maps.Managed;

/// <summary>
/// Queues and stacks (kernel: kernel/bpf/queue_stack_maps.c): values pushed at the back and taken from the front
/// (queue) or the back (stack). A push with <c>BPF_EXIST</c> onto a full map drops the oldest value for both.
/// </summary>
internal sealed unsafe class ValueSequence(bool lastInFirstOut, int valueSize, int maxEntries)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<byte[]> _values = new();   // oldest first

    public long Push(void* value, ulong flags)
    {
        if ((flags & (ulong)MapUpdateFlags.NoExist) != 0 || flags > (ulong)MapUpdateFlags.Exist)
            return Errno.InvalidArgument;
        var copy = new ReadOnlySpan<byte>(value, valueSize).ToArray();
        lock (_gate)
        {
            if (_values.Count >= maxEntries)
            {
                if (flags != (ulong)MapUpdateFlags.Exist)
                    return Errno.TooBig;
                _values.RemoveFirst();
            }
            _values.AddLast(copy);
            return 0;
        }
    }

    public long Pop(void* value) => Take(value, remove: true);

    public long Peek(void* value) => Take(value, remove: false);

    /// <summary>The values in the order pops would take them, with empty keys.</summary>
    public IReadOnlyList<(byte[] Key, byte[] Value)> Contents()
    {
        lock (_gate)
        {
            var order = lastInFirstOut ? _values.Reverse() : _values;
            return order.Select(value => (Array.Empty<byte>(), value.ToArray())).ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
            _values.Clear();
    }

    // An empty map zeroes the destination (kernel: __queue_map_get, __stack_map_get).
    private long Take(void* value, bool remove)
    {
        var destination = new Span<byte>(value, valueSize);
        lock (_gate)
        {
            var node = lastInFirstOut ? _values.Last : _values.First;
            if (node is null)
            {
                destination.Clear();
                return Errno.NoEntry;
            }
            node.Value.CopyTo(destination);
            if (remove)
                _values.Remove(node);
            return 0;
        }
    }
}

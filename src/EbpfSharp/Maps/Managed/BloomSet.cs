namespace EbpfSharp.Maps.Managed;

/// <summary>
/// A bloom filter's contents (kernel: kernel/bpf/bloom_filter.c), kept exactly: the CLR answers "present" only
/// for values added, where the kernel may also answer it for values never added (a false positive).
/// </summary>
internal sealed unsafe class BloomSet(int valueSize)
{
    private readonly Lock _gate = new();
    private readonly HashSet<byte[]> _values = new(ByteKeyComparer.Instance);
    private readonly List<byte[]> _inOrder = [];

    public long Push(void* value, ulong flags)
    {
        if (flags != (ulong)MapUpdateFlags.Any)
            return Errno.InvalidArgument;
        var copy = Bytes(value).ToArray();
        lock (_gate)
        {
            if (_values.Add(copy))
                _inOrder.Add(copy);
        }
        return 0;
    }

    public long Peek(void* value)
    {
        lock (_gate)
            return _values.GetAlternateLookup<ReadOnlySpan<byte>>().Contains(Bytes(value)) ? 0 : Errno.NoEntry;
    }

    /// <summary>The distinct values added, in the order first added, with empty keys.</summary>
    public IReadOnlyList<(byte[] Key, byte[] Value)> Contents()
    {
        lock (_gate)
            return _inOrder.Select(value => (Array.Empty<byte>(), value.ToArray())).ToList();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _values.Clear();
            _inOrder.Clear();
        }
    }

    private ReadOnlySpan<byte> Bytes(void* value) => new(value, valueSize);
}

namespace EbpfSharp.Runtime;

/// <summary>
/// Where a batch read of a map resumes. Start with a new cursor, pass it to
/// <see cref="BpfMap.LookupBatch(MapBatchCursor, Span{byte}, Span{byte}, MapLookupFlags)"/> until
/// <see cref="IsFinished"/>. The position is the kernel's and opaque: a bucket number for hash maps, the last
/// key for arrays and others (kernel: kernel/bpf/hashtab.c, __htab_map_lookup_and_delete_batch;
/// kernel/bpf/syscall.c, generic_map_lookup_batch). Use a cursor with one map only.
/// </summary>
public sealed class MapBatchCursor
{
    // Input position in the first half, the kernel's output position in the second, so the kernel never
    // reads and writes the same bytes within a call.
    private byte[] _positions = [];

    /// <summary>Whether the kernel has reported the end of the map (ENOENT); further reads return 0 entries.</summary>
    public bool IsFinished { get; internal set; }

    /// <summary>Whether a read has happened, so the next one resumes instead of starting at the beginning.</summary>
    internal bool HasPosition { get; private set; }

    /// <summary>Starts over from the beginning of the map.</summary>
    public void Reset()
    {
        HasPosition = false;
        IsFinished = false;
    }

    /// <summary>The position buffer (input half, then output half) for positions of <paramref name="size"/> bytes.</summary>
    internal byte[] Positions(int size)
    {
        if (_positions.Length == 2 * size)
            return _positions;
        if (HasPosition)
            throw new ArgumentException("This batch cursor holds a position in another map; use one cursor per map, or Reset it first.");
        return _positions = new byte[2 * size];
    }

    /// <summary>Takes the kernel's output position as the next input.</summary>
    internal void Advance()
    {
        int size = _positions.Length / 2;
        _positions.AsSpan(size).CopyTo(_positions);
        HasPosition = true;
    }
}

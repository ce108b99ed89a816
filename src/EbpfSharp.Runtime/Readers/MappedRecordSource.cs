namespace EbpfSharp.Runtime;

/// <summary>
/// What the ring buffer and perf buffer consumers share: memory the kernel writes records into, read under a lock,
/// waited on with epoll, and unmapped only once no read is in progress (a Dispose from inside a read's action is
/// finished when that read returns).
/// </summary>
internal abstract class MappedRecordSource(BpfMap map, string label) : IDisposable
{
    private readonly object _gate = new();

    /// <summary>The lock reads hold; a subclass's own fast path may take it directly (not across a callback).</summary>
    protected object Gate => _gate;
    private int _readDepth;

    public BpfMap Map { get; } = map;

    /// <summary>"ring buffer 'events'", for messages.</summary>
    public string Label { get; } = label;

    public EventPoll Poll { get; protected init; } = null!;

    /// <summary>Whether Dispose has begun: reads in progress stop at the next record.</summary>
    protected bool Disposed { get; private set; }

    /// <summary>The map is disposed with the source.</summary>
    protected bool OwnsMap { get; init; }

    /// <summary>Hands up to <paramref name="limit"/> records, in order, to <paramref name="action"/>; see the subclasses.</summary>
    public int Read<TState>(int limit, ref TState state, RecordAction<TState> action)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(Disposed, this);
            _readDepth++;
            try
            {
                return ReadLocked(limit, ref state, action);
            }
            finally
            {
                if (--_readDepth == 0 && Disposed)
                    Release();
            }
        }
    }

    /// <summary>Waits without spinning until records are there.</summary>
    public bool WaitForData(TimeSpan timeout) => Poll.Wait(RecordStream.TimeoutMilliseconds(timeout));

    public void Dispose()
    {
        Poll?.Dispose();    // first: no waiting thread looks at the memory after this
        lock (_gate)
        {
            if (Disposed)
                return;
            Disposed = true;
            if (_readDepth == 0)
                Release();
        }
    }

    protected abstract int ReadLocked<TState>(int limit, ref TState state, RecordAction<TState> action);

    /// <summary>Unmaps the memory and closes what the source opened (and the map, when owned); also called by a failed constructor.</summary>
    protected abstract void Release();
}

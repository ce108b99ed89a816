namespace EbpfSharp.Runtime;

/// <summary>
/// Reads the records programs submit to a ring buffer map as <typeparamref name="T"/>, the struct the program
/// writes (the <c>RingBuffer&lt;T&gt;</c> of the program-side API), in submission order. See
/// <see cref="RingBufferReader"/> for how the ring is read and waited on.
/// </summary>
/// <typeparam name="T">The record type, with the C layout the program writes.</typeparam>
/// <remarks>
/// Every record must have exactly sizeof(<typeparamref name="T"/>) bytes; one that does not is skipped and the read
/// throws <see cref="InvalidDataException"/> naming both sizes.
/// </remarks>
public sealed class RingBufferReader<T> : IDisposable where T : unmanaged
{
    // Records per run a stream takes under one lock: about 4 KiB of records, at most 256.
    private static readonly int RunLength = Math.Clamp(4096 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), 1, 256);

    private readonly RingBufferConsumer _consumer;
    private readonly object _unreadGate = new();
    // Records a stream took from the ring but did not yield before it was disposed; read before the ring. Guarded by _unreadGate.
    private Queue<T>? _unread;

    /// <summary>Maps <paramref name="map"/>'s ring and prepares to wait on it.</summary>
    /// <param name="map">A <see cref="EbpfSharp.Object.BpfMapType.RingBuffer"/> map.</param>
    /// <param name="ownsMap">Whether <see cref="Dispose"/> also disposes the map.</param>
    /// <exception cref="ArgumentException">The map is not a ring buffer.</exception>
    /// <exception cref="BpfException">mmap or epoll failed.</exception>
    public RingBufferReader(BpfMap map, bool ownsMap = false) =>
        _consumer = new RingBufferConsumer(map, ownsMap, $"RingBufferReader<{typeof(T).Name}>");

    /// <summary>The ring buffer map.</summary>
    public BpfMap Map => _consumer.Map;

    /// <summary>Takes the next submitted record.</summary>
    /// <returns>False (and a default <paramref name="record"/>) when no submitted record is waiting.</returns>
    /// <exception cref="InvalidDataException">The record is not sizeof(<typeparamref name="T"/>) bytes; it has been skipped.</exception>
    /// <exception cref="ObjectDisposedException">The reader has been disposed.</exception>
    public bool TryRead(out T record)
    {
        record = default;
        return TakeRun(new Span<T>(ref record)) == 1;
    }

    /// <summary>Hands every record waiting now to <paramref name="onRecord"/>, in order; see <see cref="RingBufferReader.ReadAvailable"/>.</summary>
    /// <returns>How many records were handed over.</returns>
    /// <exception cref="InvalidDataException">A record is not sizeof(<typeparamref name="T"/>) bytes; it has been skipped.</exception>
    public int ReadAvailable(Action<T> onRecord)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        int unread = 0;
        while (TakeUnread(out T record))
        {
            onRecord(record);
            unread++;
        }
        var state = (Callback: onRecord, Source: _consumer.Label);
        return unread + _consumer.Read(int.MaxValue, ref state, static (bytes, _, ref s) => s.Callback(RecordStream.Read<T>(bytes, padded: false, s.Source)));
    }

    /// <summary>Blocks until a record is waiting or <paramref name="timeout"/> passes; see <see cref="RingBufferReader.WaitForData"/>.</summary>
    public bool WaitForData(TimeSpan timeout) => Volatile.Read(ref _unread) is { Count: > 0 } || _consumer.WaitForData(timeout);

    /// <summary>
    /// Yields every record as it comes; see <see cref="RingBufferReader.ReadAllAsync"/>. The stream ends when the
    /// reader is disposed; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public IAsyncEnumerable<T> ReadAllAsync(CancellationToken cancellationToken = default) =>
        RecordStream.ReadAllAsync(_consumer.Poll, _takeRun ??= TakeRun, RunLength, _giveBack ??= GiveBack, cancellationToken);

    private RecordRunReader<T>? _takeRun;
    private UnreadRecords<T>? _giveBack;

    /// <summary>Takes up to <paramref name="records"/>' length of records: given-back ones first, then a run from the ring.</summary>
    private int TakeRun(Span<T> records)
    {
        if (Volatile.Read(ref _unread) is null)
            return _consumer.TakeRun(records);
        int count = 0;
        while (count < records.Length && TakeUnread(out records[count]))
            count++;
        return count > 0 ? count : _consumer.TakeRun(records);
    }

    private bool TakeUnread(out T record)
    {
        record = default;
        if (Volatile.Read(ref _unread) is null)
            return false;
        lock (_unreadGate)
        {
            if (_unread is null || !_unread.TryDequeue(out record))
                return false;
            if (_unread.Count == 0)
                _unread = null;
            return true;
        }
    }

    /// <summary>Keeps records a disposed stream took but did not yield, ahead of any still in the ring.</summary>
    private void GiveBack(ReadOnlySpan<T> records)
    {
        lock (_unreadGate)
        {
            var queue = new Queue<T>(records.Length + (_unread?.Count ?? 0));
            foreach (var record in records)
                queue.Enqueue(record);
            while (_unread is not null && _unread.TryDequeue(out var older))
                queue.Enqueue(older);
            _unread = queue;
        }
    }

    /// <summary>Unmaps the ring and closes the epoll descriptors (and disposes the map when the reader owns it). Safe to call twice.</summary>
    public void Dispose()
    {
        _consumer.Dispose();
        lock (_unreadGate)
            _unread = null;
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime;

/// <summary>Handles one record in place; <paramref name="cpu"/> is the perf buffer's CPU, or -1 for a ring buffer.</summary>
internal delegate void RecordAction<TState>(ReadOnlySpan<byte> record, int cpu, ref TState state);

/// <summary>Takes the next record, if there is one.</summary>
internal delegate bool RecordReader<TRecord>(out TRecord record);

/// <summary>Takes the records waiting now, up to <paramref name="records"/>' length, in order; returns how many.</summary>
internal delegate int RecordRunReader<TRecord>(Span<TRecord> records);

/// <summary>Gives back records a stream took from its buffer but never yielded, so the next read returns them first.</summary>
internal delegate void UnreadRecords<TRecord>(ReadOnlySpan<TRecord> records);

/// <summary>What the ring buffer and perf buffer readers share: asynchronous streams and typed records.</summary>
internal static class RecordStream
{
    /// <summary>
    /// Yields records as they come, waiting on <paramref name="poll"/> whenever there are none. Ends when the
    /// reader is disposed; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static IAsyncEnumerable<TRecord> ReadAllAsync<TRecord>(EventPoll poll, RecordReader<TRecord> tryRead,
        CancellationToken cancellationToken) =>
        ReadAllAsync<TRecord>(poll, records => tryRead(out records[0]) ? 1 : 0, runLength: 1, unread: null, cancellationToken);

    /// <summary>
    /// Yields records as they come, taking up to <paramref name="runLength"/> at a time with <paramref name="takeRun"/>
    /// (one lock per run rather than per record), waiting on <paramref name="poll"/> whenever there are none. Records
    /// taken but not yet yielded when the stream is disposed go back through <paramref name="unread"/>.
    /// </summary>
    /// <remarks>
    /// A hand-written enumerator rather than an async iterator: a record that is already waiting is returned
    /// synchronously, without the iterator's state machine and promise per item, which is most of the cost of
    /// a stream of small records. Only an empty buffer goes through the asynchronous wait.
    /// </remarks>
    public static IAsyncEnumerable<TRecord> ReadAllAsync<TRecord>(EventPoll poll, RecordRunReader<TRecord> takeRun, int runLength,
        UnreadRecords<TRecord>? unread, CancellationToken cancellationToken) =>
        new RecordEnumerable<TRecord>(new(poll, takeRun, runLength, unread), cancellationToken);

    /// <summary>Where a stream's records come from.</summary>
    private sealed record RecordSource<TRecord>(EventPoll Poll, RecordRunReader<TRecord> TakeRun, int RunLength, UnreadRecords<TRecord>? Unread);

    private sealed class RecordEnumerable<TRecord>(RecordSource<TRecord> source, CancellationToken cancellationToken)
        : IAsyncEnumerable<TRecord>
    {
        public IAsyncEnumerator<TRecord> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
        {
            // Like [EnumeratorCancellation]: either token cancels the stream.
            if (!enumeratorToken.CanBeCanceled || enumeratorToken == cancellationToken)
                return new RecordEnumerator<TRecord>(source, cancellationToken, null);
            if (!cancellationToken.CanBeCanceled)
                return new RecordEnumerator<TRecord>(source, enumeratorToken, null);
            var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeratorToken);
            return new RecordEnumerator<TRecord>(source, linked.Token, linked);
        }
    }

    private sealed class RecordEnumerator<TRecord>(RecordSource<TRecord> source, CancellationToken cancellationToken,
        CancellationTokenSource? linked) : IAsyncEnumerator<TRecord>
    {
        private readonly TRecord[] _run = new TRecord[source.RunLength];
        // Held directly: MoveNextAsync checks it for every record, and source.Poll is one more dependent load.
        private readonly EventPoll _poll = source.Poll;
        private int _next;
        private int _count;
        private TRecord _current = default!;
        private bool _finished;

        public TRecord Current => _current;

        public ValueTask<bool> MoveNextAsync()
        {
            // The fast path, inlined into the caller's loop: the next record of the current run. End() empties the
            // run, so a finished stream never takes it.
            if (_next < _count && !cancellationToken.IsCancellationRequested && !_poll.IsDisposed)
                return new ValueTask<bool>(Yield());
            return MoveNextRunAsync();
        }

        private ValueTask<bool> MoveNextRunAsync()
        {
            if (_finished)
                return new ValueTask<bool>(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (_poll.IsDisposed)
                return new ValueTask<bool>(End());
            // A record of the current run, or a new run waiting: no wait, no state machine, no allocation.
            if (_next < _count)
                return new ValueTask<bool>(Yield());
            return TakeRun() is { } found ? new ValueTask<bool>(found) : MoveNextSlowAsync();
        }

        /// <summary>True: a record is in Current. False: the stream has ended. Null: no record is waiting.</summary>
        private bool? TakeRun()
        {
            _next = _count = 0;
            try
            {
                _count = source.TakeRun(_run);
            }
            catch (ObjectDisposedException) when (_poll.IsDisposed)
            {
                return End();
            }
            return _count > 0 ? Yield() : null;
        }

        private bool Yield()
        {
            _current = _run[_next];
            if (RuntimeHelpers.IsReferenceOrContainsReferences<TRecord>())
                _run[_next] = default!;
            _next++;
            return true;
        }

        private async ValueTask<bool> MoveNextSlowAsync()
        {
            while (true)
            {
                if (!await _poll.WaitAsync(cancellationToken).ConfigureAwait(false))
                    return End();
                cancellationToken.ThrowIfCancellationRequested();
                if (_poll.IsDisposed)
                    return End();
                if (TakeRun() is { } found)
                    return found;
            }
        }

        private bool End()
        {
            _finished = true;
            _current = default!;
            _next = _count = 0;
            return false;
        }

        public ValueTask DisposeAsync()
        {
            // Records already taken from the buffer but not yielded are not lost: the reader hands them out next.
            if (_next < _count && !_poll.IsDisposed)
                source.Unread?.Invoke(_run.AsSpan(_next, _count - _next));
            End();
            linked?.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A wait's timeout in milliseconds for epoll_wait: -1 for <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is negative (other than infinite) or longer than int.MaxValue milliseconds.</exception>
    public static int TimeoutMilliseconds(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
            return -1;
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero, nameof(timeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, TimeSpan.FromMilliseconds(int.MaxValue), nameof(timeout));
        // Round up, so a timeout under a millisecond still waits rather than polling.
        return (int)Math.Ceiling(timeout.TotalMilliseconds);
    }

    /// <summary>
    /// Reads a <typeparamref name="T"/> from a record. A ring buffer record must have exactly sizeof(T) bytes; a
    /// perf sample's raw data may carry up to 7 bytes more, the padding that keeps perf records 8-byte aligned
    /// (kernel: kernel/events/core.c, perf_prepare_sample).
    /// </summary>
    /// <exception cref="InvalidDataException">The record's size does not fit <typeparamref name="T"/>.</exception>
    public static T Read<T>(ReadOnlySpan<byte> record, bool padded, string source) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        if (record.Length == size || (padded && record.Length > size && record.Length - size < 8))
            return MemoryMarshal.Read<T>(record);
        throw new InvalidDataException(
            $"{source} delivered a {record.Length}-byte record, but {typeof(T).Name} is {size} bytes (sizeof){(padded ? ", and perf pads records by at most 7 bytes" : "")}. "
            + $"The program must write records of the type the reader is declared with; the record was skipped.");
    }
}

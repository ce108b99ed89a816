using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime;

/// <summary>Handles one record in place; <paramref name="cpu"/> is the perf buffer's CPU, or -1 for a ring buffer.</summary>
internal delegate void RecordAction<TState>(ReadOnlySpan<byte> record, int cpu, ref TState state);

/// <summary>Takes the next record, if there is one.</summary>
internal delegate bool RecordReader<TRecord>(out TRecord record);

/// <summary>What the ring buffer and perf buffer readers share: asynchronous streams and typed records.</summary>
internal static class RecordStream
{
    /// <summary>
    /// Yields records as they come, waiting on <paramref name="poll"/> whenever there are none. Ends when the
    /// reader is disposed; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <remarks>
    /// A hand-written enumerator rather than an async iterator: a record that is already waiting is returned
    /// synchronously, without the iterator's state machine and promise per item, which is most of the cost of
    /// a stream of small records. Only an empty buffer goes through the asynchronous wait.
    /// </remarks>
    public static IAsyncEnumerable<TRecord> ReadAllAsync<TRecord>(EventPoll poll, RecordReader<TRecord> tryRead,
        CancellationToken cancellationToken) => new RecordEnumerable<TRecord>(poll, tryRead, cancellationToken);

    private sealed class RecordEnumerable<TRecord>(EventPoll poll, RecordReader<TRecord> tryRead, CancellationToken cancellationToken)
        : IAsyncEnumerable<TRecord>
    {
        public IAsyncEnumerator<TRecord> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
        {
            // Like [EnumeratorCancellation]: either token cancels the stream.
            if (!enumeratorToken.CanBeCanceled || enumeratorToken == cancellationToken)
                return new RecordEnumerator<TRecord>(poll, tryRead, cancellationToken, null);
            if (!cancellationToken.CanBeCanceled)
                return new RecordEnumerator<TRecord>(poll, tryRead, enumeratorToken, null);
            var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeratorToken);
            return new RecordEnumerator<TRecord>(poll, tryRead, linked.Token, linked);
        }
    }

    private sealed class RecordEnumerator<TRecord>(EventPoll poll, RecordReader<TRecord> tryRead, CancellationToken cancellationToken,
        CancellationTokenSource? linked) : IAsyncEnumerator<TRecord>
    {
        private TRecord _current = default!;
        private bool _finished;

        public TRecord Current => _current;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_finished)
                return new ValueTask<bool>(false);
            // The fast path: a record is waiting, so no wait, no state machine, no allocation.
            return TryTake() is { } found ? new ValueTask<bool>(found) : MoveNextSlowAsync();
        }

        /// <summary>True: a record is in Current. False: the stream has ended. Null: no record is waiting.</summary>
        private bool? TryTake()
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (poll.IsDisposed)
                return End();
            try
            {
                if (tryRead(out _current))
                    return true;
            }
            catch (ObjectDisposedException) when (poll.IsDisposed)
            {
                return End();
            }
            return null;
        }

        private async ValueTask<bool> MoveNextSlowAsync()
        {
            while (true)
            {
                if (!await poll.WaitAsync(cancellationToken).ConfigureAwait(false))
                    return End();
                if (TryTake() is { } found)
                    return found;
            }
        }

        private bool End()
        {
            _finished = true;
            _current = default!;
            return false;
        }

        public ValueTask DisposeAsync()
        {
            _finished = true;
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

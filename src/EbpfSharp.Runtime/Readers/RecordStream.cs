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
    public static async IAsyncEnumerable<TRecord> ReadAllAsync<TRecord>(EventPoll poll, RecordReader<TRecord> tryRead,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (poll.IsDisposed)
                yield break;
            bool found;
            TRecord record;
            try
            {
                found = tryRead(out record);
            }
            catch (ObjectDisposedException) when (poll.IsDisposed)
            {
                yield break;
            }
            if (found)
            {
                yield return record;
                continue;
            }
            if (!await poll.WaitAsync(cancellationToken).ConfigureAwait(false))
                yield break;
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

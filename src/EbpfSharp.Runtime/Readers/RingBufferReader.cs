using System.Diagnostics.CodeAnalysis;

namespace EbpfSharp.Runtime;

/// <summary>
/// Reads the records programs submit to a ring buffer map (<c>BPF_MAP_TYPE_RINGBUF</c>, Linux 5.8+) as bytes, in
/// submission order, straight from the ring mapped into this process. <see cref="RingBufferReader{T}"/> reads
/// them as structs.
/// </summary>
/// <remarks>
/// <para>
/// The reader maps the ring (libbpf's layout: a writable consumer page, then the read-only producer page and the
/// data mapped twice back to back) and waits with epoll on the map's descriptor, never by spinning.
/// Discarded records are skipped; reading stops at a record a program has reserved but not yet submitted.
/// </para>
/// <para>
/// A reader serves one consumer at a time: do not read or wait on it from two threads at once. The reader does
/// not own the map unless constructed with <c>ownsMap: true</c>; dispose it before the map's owner is disposed
/// or after, either works (the mapping keeps the ring alive).
/// </para>
/// </remarks>
public sealed class RingBufferReader : IDisposable
{
    private readonly RingBufferConsumer _consumer;

    /// <summary>Maps <paramref name="map"/>'s ring and prepares to wait on it.</summary>
    /// <param name="map">A <see cref="EbpfSharp.Object.BpfMapType.RingBuffer"/> map.</param>
    /// <param name="ownsMap">Whether <see cref="Dispose"/> also disposes the map.</param>
    /// <exception cref="ArgumentException">The map is not a ring buffer.</exception>
    /// <exception cref="BpfException">mmap or epoll failed.</exception>
    public RingBufferReader(BpfMap map, bool ownsMap = false) => _consumer = new RingBufferConsumer(map, ownsMap, nameof(RingBufferReader));

    /// <summary>The ring buffer map.</summary>
    public BpfMap Map => _consumer.Map;

    /// <summary>Takes the next submitted record.</summary>
    /// <param name="record">The record's bytes (a new array), or null when there is none.</param>
    /// <returns>False when no submitted record is waiting.</returns>
    /// <exception cref="ObjectDisposedException">The reader has been disposed.</exception>
    public bool TryRead([NotNullWhen(true)] out byte[]? record)
    {
        record = null;
        return _consumer.Read(1, ref record, static (bytes, _, ref copy) => copy = bytes.ToArray()) == 1;
    }

    /// <summary>
    /// Hands every record waiting now to <paramref name="onRecord"/>, in order, without copying: the span points
    /// into the ring and is valid only during the call. Each record is consumed once the callback returns, or
    /// throws (the exception then propagates and the remaining records wait for the next read).
    /// </summary>
    /// <returns>How many records were handed over.</returns>
    public int ReadAvailable(Action<ReadOnlySpan<byte>> onRecord)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        return _consumer.Read(int.MaxValue, ref onRecord, static (bytes, _, ref callback) => callback(bytes));
    }

    /// <summary>Blocks until a record is waiting or <paramref name="timeout"/> passes, without spinning (epoll).</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits until a record comes or the reader is disposed.</param>
    /// <returns>True when records are waiting; false after the timeout or when the reader is disposed.</returns>
    public bool WaitForData(TimeSpan timeout) => _consumer.WaitForData(timeout);

    /// <summary>
    /// Yields every record as it comes. Waiting happens in epoll_wait on a dedicated thread, not on the thread
    /// pool. The stream ends when the reader is disposed; cancelling <paramref name="cancellationToken"/> wakes the
    /// wait at once and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public IAsyncEnumerable<byte[]> ReadAllAsync(CancellationToken cancellationToken = default) =>
        RecordStream.ReadAllAsync<byte[]>(_consumer.Poll, (out byte[] record) => TryRead(out record!), cancellationToken);

    /// <summary>Unmaps the ring and closes the epoll descriptors (and disposes the map when the reader owns it). Safe to call twice.</summary>
    public void Dispose() => _consumer.Dispose();
}

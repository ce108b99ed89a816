using System.Diagnostics.CodeAnalysis;

namespace EbpfSharp.Runtime;

/// <summary>
/// Reads what programs write with <c>bpf_perf_event_output</c> into a perf event array
/// (<c>BPF_MAP_TYPE_PERF_EVENT_ARRAY</c>), as bytes, with the CPU each record was written on.
/// <see cref="PerfEventReader{T}"/> reads them as structs. Prefer a ring buffer on Linux 5.8 and later: one
/// buffer for all CPUs, in submission order.
/// </summary>
/// <remarks>
/// <para>
/// The reader opens one perf buffer per online CPU, up to the map's <see cref="BpfMap.MaxEntries"/>, as libbpf's
/// perf_buffer does: a software BPF output event on that CPU, its ring mapped into this process, its descriptor
/// stored in the map at the CPU's index. A program then writes to its CPU's buffer with
/// <c>BPF_F_CURRENT_CPU</c>. Records of one CPU come in order; records of different CPUs are not ordered
/// against each other. When a buffer is full the kernel drops records and says how many: see <see cref="LostCount"/>.
/// </para>
/// <para>
/// A sample's raw data is padded by the kernel to keep records 8-byte aligned, so a record read as bytes may be
/// up to 7 bytes longer than what the program wrote. A reader serves one consumer at a time.
/// </para>
/// </remarks>
public sealed class PerfEventReader : IDisposable
{
    /// <summary>The default size of each CPU's buffer: 8 pages (32 KiB with 4 KiB pages).</summary>
    public const int DefaultPagesPerCpu = 8;

    private readonly PerfEventBuffers _buffers;

    /// <summary>Opens a perf buffer per CPU and stores their descriptors in <paramref name="map"/>.</summary>
    /// <param name="map">A <see cref="EbpfSharp.Object.BpfMapType.PerfEventArray"/> map.</param>
    /// <param name="pagesPerCpu">Each CPU's buffer size in pages: a power of two.</param>
    /// <param name="ownsMap">Whether <see cref="Dispose"/> also disposes the map.</param>
    /// <exception cref="ArgumentException">The map is not a perf event array.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pagesPerCpu"/> is not a power of two.</exception>
    /// <exception cref="BpfException">perf_event_open, mmap, the map update or epoll failed; nothing is left open.</exception>
    public PerfEventReader(BpfMap map, int pagesPerCpu = DefaultPagesPerCpu, bool ownsMap = false) =>
        _buffers = new PerfEventBuffers(map, pagesPerCpu, ownsMap, nameof(PerfEventReader));

    /// <summary>The perf event array.</summary>
    public BpfMap Map => _buffers.Map;

    /// <summary>The CPUs that have a buffer (the online ones, up to the map's capacity).</summary>
    public IReadOnlyList<int> Cpus => _buffers.Cpus;

    /// <summary>How many records the kernel dropped because a buffer was full, as its lost-record notices have said so far.</summary>
    public long LostCount => _buffers.LostCount;

    /// <summary>Takes the next record.</summary>
    /// <param name="record">The raw sample data (a new array, its length the kernel's padded raw size), or null.</param>
    /// <param name="cpu">The CPU it was written on, or -1.</param>
    /// <returns>False when no record is waiting.</returns>
    /// <exception cref="ObjectDisposedException">The reader has been disposed.</exception>
    public bool TryRead([NotNullWhen(true)] out byte[]? record, out int cpu)
    {
        var state = (Record: (byte[]?)null, Cpu: -1);
        bool found = _buffers.Read(1, ref state, static (bytes, cpu, ref s) => s = (bytes.ToArray(), cpu)) == 1;
        (record, cpu) = state;
        return found;
    }

    /// <summary>
    /// Hands every record waiting now to <paramref name="onRecord"/> with its CPU, without copying (unless the record
    /// wraps around the end of its buffer): the span is valid only during the call. Each record is consumed once the
    /// callback returns, or throws.
    /// </summary>
    /// <returns>How many records were handed over.</returns>
    public int ReadAvailable(Action<ReadOnlySpan<byte>, int> onRecord)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        return _buffers.Read(int.MaxValue, ref onRecord, static (bytes, cpu, ref callback) => callback(bytes, cpu));
    }

    /// <summary>Blocks until a record is waiting on any CPU or <paramref name="timeout"/> passes, without spinning (epoll over every CPU's event).</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits until a record comes or the reader is disposed.</param>
    /// <returns>True when records are waiting; false after the timeout or when the reader is disposed.</returns>
    public bool WaitForData(TimeSpan timeout) => _buffers.WaitForData(timeout);

    /// <summary>
    /// Yields every record as it comes, waiting in epoll_wait on a dedicated thread, not on the thread pool. The
    /// stream ends when the reader is disposed; cancellation wakes the wait at once and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public IAsyncEnumerable<byte[]> ReadAllAsync(CancellationToken cancellationToken = default) =>
        RecordStream.ReadAllAsync<byte[]>(_buffers.Poll, (out byte[] record) => TryRead(out record!, out _), cancellationToken);

    /// <summary>
    /// Removes the events from the map, unmaps the buffers and closes every descriptor (and disposes the map when the
    /// reader owns it). Safe to call twice.
    /// </summary>
    public void Dispose() => _buffers.Dispose();
}

namespace EbpfSharp.Runtime;

/// <summary>
/// Reads what programs write with <c>bpf_perf_event_output</c> into a perf event array as <typeparamref name="T"/>,
/// the struct the program writes (the <c>PerfEventArray&lt;T&gt;</c> of the program-side API). See
/// <see cref="PerfEventReader"/> for how the buffers are set up and read.
/// </summary>
/// <typeparam name="T">The record type, with the C layout the program writes.</typeparam>
/// <remarks>
/// A sample must hold sizeof(<typeparamref name="T"/>) bytes, plus at most the 7 bytes of padding the kernel adds;
/// one that does not is skipped and the read throws <see cref="InvalidDataException"/> naming both sizes.
/// </remarks>
public sealed class PerfEventReader<T> : IDisposable where T : unmanaged
{
    private readonly PerfEventBuffers _buffers;

    /// <summary>Opens a perf buffer per CPU and stores their descriptors in <paramref name="map"/>.</summary>
    /// <param name="map">A <see cref="EbpfSharp.Object.BpfMapType.PerfEventArray"/> map.</param>
    /// <param name="pagesPerCpu">Each CPU's buffer size in pages: a power of two.</param>
    /// <param name="ownsMap">Whether <see cref="Dispose"/> also disposes the map.</param>
    /// <exception cref="ArgumentException">The map is not a perf event array.</exception>
    /// <exception cref="BpfException">perf_event_open, mmap, the map update or epoll failed; nothing is left open.</exception>
    public PerfEventReader(BpfMap map, int pagesPerCpu = PerfEventReader.DefaultPagesPerCpu, bool ownsMap = false) =>
        _buffers = new PerfEventBuffers(map, pagesPerCpu, ownsMap, $"PerfEventReader<{typeof(T).Name}>");

    /// <summary>The perf event array.</summary>
    public BpfMap Map => _buffers.Map;

    /// <summary>The CPUs that have a buffer (the online ones, up to the map's capacity).</summary>
    public IReadOnlyList<int> Cpus => _buffers.Cpus;

    /// <summary>How many records the kernel dropped because a buffer was full, as its lost-record notices have said so far.</summary>
    public long LostCount => _buffers.LostCount;

    /// <summary>Takes the next record.</summary>
    /// <param name="record">The record, or default.</param>
    /// <param name="cpu">The CPU it was written on, or -1.</param>
    /// <returns>False when no record is waiting.</returns>
    /// <exception cref="InvalidDataException">The sample does not hold a <typeparamref name="T"/>; it has been skipped.</exception>
    /// <exception cref="ObjectDisposedException">The reader has been disposed.</exception>
    public bool TryRead(out T record, out int cpu)
    {
        var state = (Record: default(T), Cpu: -1, Source: _buffers.Label);
        bool found = _buffers.Read(1, ref state, static (bytes, cpu, ref s) => s = (RecordStream.Read<T>(bytes, padded: true, s.Source), cpu, s.Source)) == 1;
        (record, cpu) = (state.Record, state.Cpu);
        return found;
    }

    /// <summary>Hands every record waiting now to <paramref name="onRecord"/> with its CPU; see <see cref="PerfEventReader.ReadAvailable"/>.</summary>
    /// <returns>How many records were handed over.</returns>
    /// <exception cref="InvalidDataException">A sample does not hold a <typeparamref name="T"/>; it has been skipped.</exception>
    public int ReadAvailable(Action<T, int> onRecord)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        var state = (Callback: onRecord, Source: _buffers.Label);
        return _buffers.Read(int.MaxValue, ref state, static (bytes, cpu, ref s) => s.Callback(RecordStream.Read<T>(bytes, padded: true, s.Source), cpu));
    }

    /// <summary>Blocks until a record is waiting on any CPU or <paramref name="timeout"/> passes; see <see cref="PerfEventReader.WaitForData"/>.</summary>
    public bool WaitForData(TimeSpan timeout) => _buffers.WaitForData(timeout);

    /// <summary>
    /// Yields every record as it comes; see <see cref="PerfEventReader.ReadAllAsync"/>. The stream ends when the
    /// reader is disposed; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public IAsyncEnumerable<T> ReadAllAsync(CancellationToken cancellationToken = default) =>
        RecordStream.ReadAllAsync<T>(_buffers.Poll, (out T record) => TryRead(out record, out _), cancellationToken);

    /// <summary>
    /// Removes the events from the map, unmaps the buffers and closes every descriptor (and disposes the map when the
    /// reader owns it). Safe to call twice.
    /// </summary>
    public void Dispose() => _buffers.Dispose();
}

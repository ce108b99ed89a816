using EbpfSharp.Maps.Managed;

namespace EbpfSharp;

/// <summary>
/// A ring buffer (<c>BPF_MAP_TYPE_RINGBUF</c>) of <typeparamref name="T"/> records, shared by all CPUs, read by the
/// host in the order they were submitted. Either copy a record in with <see cref="Output"/>, or
/// <see cref="Reserve"/> space, fill it in place and <see cref="Submit"/> (or <see cref="Discard"/>) it.
/// </summary>
/// <remarks>
/// On the CLR, as in the kernel, each record takes 8 header bytes plus its size rounded up to 8, and a write fails
/// when the records not yet read would then span more than the size less one byte; records are read in
/// reservation order, so one still reserved holds back those reserved after it. Reserved memory is zeroed on the
/// CLR; the kernel's is not.
/// </remarks>
[MapKind(MapKind.RingBuffer)]
public sealed unsafe class RingBuffer<T> : ProgramMap
    where T : unmanaged
{
    private readonly RecordRing _records;

    /// <summary>Declares the ring buffer.</summary>
    /// <param name="sizeBytes">Size in bytes: a power of two and a multiple of the page size (4096).</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public RingBuffer(int sizeBytes, bool pinned = false)
        : base(MapKind.RingBuffer, 0, 0, sizeBytes, MapFlags.None, pinned)
    {
        if (sizeBytes < 4096 || (sizeBytes & (sizeBytes - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(sizeBytes), sizeBytes, "A ring buffer's size is a power of two of at least 4096 bytes.");
        _records = new RecordRing(sizeBytes);
    }

    /// <summary>Copies <paramref name="record"/> into the buffer (<c>bpf_ringbuf_output</c>).</summary>
    /// <returns>True, or false when the buffer is full (the record is dropped).</returns>
    public bool Output(T record, RingBufferWakeup wakeup = RingBufferWakeup.Default) => OutputRecord(&record, (ulong)sizeof(T), (ulong)wakeup) == 0;

    /// <summary>
    /// Reserves space for one record (<c>bpf_ringbuf_reserve</c>), or returns null when the buffer is full. Fill it
    /// in place, then pass it to <see cref="Submit"/> or <see cref="Discard"/> on every path: the verifier rejects a
    /// program that can return while holding a reservation.
    /// </summary>
    public T* Reserve() => (T*)ReserveRecord((ulong)sizeof(T), 0);

    /// <summary>Publishes a reserved record to the reader (<c>bpf_ringbuf_submit</c>).</summary>
    public void Submit(T* record, RingBufferWakeup wakeup = RingBufferWakeup.Default) => SubmitRecord(record, (ulong)wakeup);

    /// <summary>Drops a reserved record (<c>bpf_ringbuf_discard</c>); the reader never sees it.</summary>
    public void Discard(T* record, RingBufferWakeup wakeup = RingBufferWakeup.Default) => DiscardRecord(record, (ulong)wakeup);

    /// <summary>On the CLR: takes the oldest submitted record, as the host's reader would. Not available in programs.</summary>
    [ClrOnly]
    public bool TryRead(out T record)
    {
        bool read = _records.TryRead(out byte[] content);
        record = read ? RecordBytes.As<T>(content) : default;
        return read;
    }

    [BpfHelper(130)]
    internal long OutputRecord(void* data, ulong size, ulong flags) => _records.Output(data, size, flags);

    [BpfHelper(131)]
    internal void* ReserveRecord(ulong size, ulong flags) => _records.Reserve(size, flags);

    [BpfHelper(132)]
    internal static void SubmitRecord(void* data, ulong flags) => RecordRing.Complete(data, discard: false);

    [BpfHelper(133)]
    internal static void DiscardRecord(void* data, ulong flags) => RecordRing.Complete(data, discard: true);

    /// <inheritdoc/>
    public override IReadOnlyList<(byte[] Key, byte[] Value)> ContentBytes() => _records.Contents();

    /// <inheritdoc/>
    public override void Clear() => _records.Clear();
}

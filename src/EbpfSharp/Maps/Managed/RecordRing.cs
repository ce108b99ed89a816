using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace EbpfSharp.Maps.Managed;

/// <summary>
/// A ring buffer's records (kernel: kernel/bpf/ringbuf.c), in reservation order. Each record takes an 8-byte
/// header plus its size, rounded up to 8, of the buffer; a reservation fails when the records the reader has
/// not consumed would then span more than the size less one byte. The reader sees records in reservation order
/// and stops at one that is still reserved; discarded records are skipped, but hold their space until the reader
/// passes them.
/// </summary>
internal sealed unsafe class RecordRing(int sizeBytes)
{
    private const int HeaderSize = 8;                        // BPF_RINGBUF_HDR_SZ
    private const ulong MaxRecordSize = uint.MaxValue / 4;   // RINGBUF_MAX_RECORD_SZ
    private const ulong WakeupFlags = (ulong)(RingBufferWakeup.None | RingBufferWakeup.Force);

    // Submit and discard receive only the record's pointer: this finds its ring buffer.
    private static readonly ConcurrentDictionary<nint, Record> Reserved = new();

    private enum RecordState { Reserved, Submitted, Discarded }

    private sealed class Record(RecordRing ring, int size, long length)
    {
        public RecordRing Ring { get; } = ring;

        public int Size { get; } = size;

        // The space it holds: header and data, rounded up to 8.
        public long Length { get; } = length;

        public RecordState State { get; set; }

        public byte[] Content { get; set; } = [];

        public bool Dropped { get; set; }
    }

    private readonly Lock _gate = new();
    private readonly LinkedList<Record> _records = new();
    private long _used;

    /// <summary><c>bpf_ringbuf_output</c>: 0, −EINVAL for unknown flags, or −EAGAIN when the record does not fit.</summary>
    public long Output(void* data, ulong size, ulong flags)
    {
        if ((flags & ~WakeupFlags) != 0)
            return Errno.InvalidArgument;
        lock (_gate)
        {
            if (Claim(size) is not { } record)
                return Errno.TryAgain;
            record.Content = new ReadOnlySpan<byte>(data, record.Size).ToArray();
            record.State = RecordState.Submitted;
            return 0;
        }
    }

    /// <summary>
    /// <c>bpf_ringbuf_reserve</c>: zeroed native memory of <paramref name="size"/> bytes (the kernel's is not
    /// zeroed), or null for nonzero flags or when the record does not fit.
    /// </summary>
    public void* Reserve(ulong size, ulong flags)
    {
        if (flags != 0)
            return null;
        lock (_gate)
        {
            if (Claim(size) is not { } record)
                return null;
            void* data = NativeMemory.AllocZeroed((nuint)Math.Max(size, 1));
            Reserved[(nint)data] = record;
            return data;
        }
    }

    /// <summary><c>bpf_ringbuf_submit</c> or <c>bpf_ringbuf_discard</c> of a record <see cref="Reserve"/> returned.</summary>
    /// <exception cref="InvalidOperationException">The pointer is not an outstanding reservation (the verifier rejects such programs).</exception>
    public static void Complete(void* data, bool discard)
    {
        if (!Reserved.TryRemove((nint)data, out var record))
            throw new InvalidOperationException(
                "A ring buffer submit or discard got a pointer that Reserve did not return, or one already submitted or discarded.");
        record.Ring.Complete(record, data, discard);
        NativeMemory.Free(data);
    }

    /// <summary>Takes the oldest submitted record, skipping discarded ones; false when none is ready.</summary>
    public bool TryRead(out byte[] content)
    {
        lock (_gate)
        {
            while (_records.First is { Value: var oldest } && oldest.State != RecordState.Reserved)
            {
                _records.RemoveFirst();
                _used -= oldest.Length;
                if (oldest.State == RecordState.Submitted)
                {
                    content = oldest.Content;
                    return true;
                }
            }
            content = [];
            return false;
        }
    }

    /// <summary>The submitted records not yet read, in the order the reader will see them, with empty keys.</summary>
    public IReadOnlyList<(byte[] Key, byte[] Value)> Contents()
    {
        lock (_gate)
        {
            return _records.Where(record => record.State == RecordState.Submitted)
                .Select(record => (Array.Empty<byte>(), record.Content.ToArray()))
                .ToList();
        }
    }

    /// <summary>Drops every record; records still reserved can be submitted or discarded, and are then dropped.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var record in _records)
                record.Dropped = true;
            _records.Clear();
            _used = 0;
        }
    }

    // kernel: __bpf_ringbuf_reserve
    private Record? Claim(ulong size)
    {
        if (size > MaxRecordSize)
            return null;
        long length = (long)((size + HeaderSize + 7) & ~7UL);
        long mask = sizeBytes - 1;
        if (length > sizeBytes || _used + length > mask)
            return null;
        var record = new Record(this, (int)size, length);
        _records.AddLast(record);
        _used += length;
        return record;
    }

    private void Complete(Record record, void* data, bool discard)
    {
        lock (_gate)
        {
            if (record.Dropped)
                return;
            if (discard)
            {
                record.State = RecordState.Discarded;
                return;
            }
            record.Content = new ReadOnlySpan<byte>(data, record.Size).ToArray();
            record.State = RecordState.Submitted;
        }
    }
}

using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>
/// The consumer side of a BPF ring buffer, shared by <see cref="RingBufferReader"/> and
/// <see cref="RingBufferReader{T}"/>. It maps the ring the way libbpf's ring_buffer__add does (libbpf: src/ringbuf.c):
/// <code>
/// offset 0      consumer page   read-write   u64 consumer_pos, advanced by us
/// offset PAGE   producer page   read-only    u64 producer_pos, advanced by the kernel
/// offset 2 PAGE data            read-only    max_entries bytes, mapped twice back to back
/// </code>
/// The data is mapped twice so that a record running past the end reads on contiguously. Each record is an
/// 8-byte header (u32 length with the busy and discard bits, u32 page offset) and the data, 8-byte aligned
/// (kernel: kernel/bpf/ringbuf.c; include/uapi/linux/bpf.h, BPF_RINGBUF_*).
/// </summary>
internal sealed unsafe class RingBufferConsumer : MappedRecordSource
{
    internal const uint BusyBit = 1u << 31;          // BPF_RINGBUF_BUSY_BIT: reserved, not yet submitted
    internal const uint DiscardBit = 1u << 30;       // BPF_RINGBUF_DISCARD_BIT: discarded, skip it
    internal const int HeaderSize = 8;               // BPF_RINGBUF_HDR_SZ

    private readonly int _pageSize;
    private readonly nuint _dataMappingLength;
    private readonly ulong _mask;
    private byte* _consumerPage;
    private byte* _producerPage;
    public RingBufferConsumer(BpfMap map, bool ownsMap, string readerName)
        : base(map, $"ring buffer '{map.Name}'")
    {
        ViewShape.CheckType(map, readerName, BpfMapType.RingBuffer);
        _pageSize = LibC.PageSize;
        if (map.MaxEntries <= 0 || (map.MaxEntries & (map.MaxEntries - 1)) != 0 || map.MaxEntries % _pageSize != 0)
            throw new ArgumentException($"{map.Label} has {map.MaxEntries} bytes; a ring buffer has a power-of-two number of {_pageSize}-byte pages.", nameof(map));
        _mask = (ulong)map.MaxEntries - 1;
        _dataMappingLength = (nuint)_pageSize + 2 * (nuint)map.MaxEntries;
        try
        {
            using (var lease = map.Handle.Borrow())
            {
                _consumerPage = MapPages(lease.Fd, (nuint)_pageSize, LibC.ProtRead | LibC.ProtWrite, 0, "the consumer page");
                _producerPage = MapPages(lease.Fd, _dataMappingLength, LibC.ProtRead, _pageSize, "the producer page and data");
            }
            Poll = new EventPoll(Label, HasData);
            Poll.Add(map.Handle);
        }
        catch
        {
            Poll?.Dispose();
            Release();
            throw;
        }
        OwnsMap = ownsMap;
    }

    private ulong* ConsumerPosition => (ulong*)_consumerPage;

    private ulong* ProducerPosition => (ulong*)_producerPage;

    private byte* Data => _producerPage + _pageSize;

    /// <summary>
    /// Hands up to <paramref name="limit"/> submitted records, in order, to <paramref name="action"/>, skipping
    /// discarded ones and stopping at one still being written. Each record is consumed after the action returns,
    /// or throws, as libbpf does.
    /// </summary>
    protected override int ReadLocked<TState>(int limit, ref TState state, RecordAction<TState> action)
    {
        int count = 0;
        // Acquire loads pair with the kernel's release stores of producer_pos and of each header's length.
        ulong consumer = Volatile.Read(ref *ConsumerPosition);
        ulong producer = Volatile.Read(ref *ProducerPosition);
        while (count < limit && !Disposed)
        {
            if (consumer >= producer)
            {
                producer = Volatile.Read(ref *ProducerPosition);
                if (consumer >= producer)
                    break;
            }
            byte* header = Data + (consumer & _mask);
            uint length = Volatile.Read(ref *(uint*)header);
            if ((length & BusyBit) != 0)
                break;
            uint size = length & ~(BusyBit | DiscardBit);
            ulong next = consumer + ((HeaderSize + size + 7) & ~7u);
            try
            {
                if ((length & DiscardBit) == 0)
                {
                    count++;
                    action(new ReadOnlySpan<byte>(header + HeaderSize, (int)size), -1, ref state);
                }
            }
            finally
            {
                if (!Disposed)
                    Volatile.Write(ref *ConsumerPosition, next);   // release: the kernel may reuse the space now
            }
            consumer = next;
        }
        return count;
    }

    /// <summary>
    /// Takes the submitted records waiting now, up to <paramref name="records"/>' length, as <typeparamref name="T"/>s:
    /// the fast path of <see cref="RingBufferReader{T}"/>. One lock and one consumer-position store for the whole
    /// run: each record is copied out of the ring before the store releases its space to the producer.
    /// </summary>
    /// <returns>How many records were copied; 0 when no submitted record is waiting.</returns>
    /// <exception cref="InvalidDataException">
    /// The next record is not sizeof(<typeparamref name="T"/>) bytes; it has been consumed (skipped). A run stops
    /// before such a record, so the records ahead of it are delivered first and the next call reports it.
    /// </exception>
    public int TakeRun<T>(Span<T> records) where T : unmanaged
    {
        lock (Gate)
        {
            ObjectDisposedException.ThrowIf(Disposed, this);
            return CopyRun(records);
        }
    }

    // TakeRun's loop, in a method of its own: inside the lock's try block the JIT keeps locals on the stack and
    // reloads fields on every record. A record of the wrong size ends the loop, so its slow path costs the loop nothing.
    private int CopyRun<T>(Span<T> records) where T : unmanaged
    {
        ulong* consumerPosition = ConsumerPosition;
        byte* data = Data;
        ulong mask = _mask;
        // Only this consumer, under the lock, writes consumer_pos: a plain load sees our last store.
        ulong start = *consumerPosition;
        ulong consumer = start;
        // Acquire: pairs with the kernel's release store of producer_pos (kernel/bpf/ringbuf.c, bpf_ringbuf_commit).
        ulong producer = Volatile.Read(ref *ProducerPosition);
        int count = 0;
        byte* misfit = null;
        while (count < records.Length && consumer < producer)
        {
            byte* header = data + (consumer & mask);
            // Acquire: pairs with the kernel's release store of the header when it submits or discards.
            uint length = Volatile.Read(ref *(uint*)header);
            if ((length & BusyBit) != 0)
                break;      // still being written: it and everything after it wait for the next call
            if ((length & DiscardBit) == 0)
            {
                if (length != (uint)sizeof(T))
                {
                    misfit = header;
                    break;
                }
                records[count++] = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<T>(header + HeaderSize);
            }
            consumer += (HeaderSize + (length & ~(BusyBit | DiscardBit)) + 7) & ~7u;
        }
        if (misfit != null && count == 0)
        {
            // The run starts with a record of the wrong size: skip it and report it. Records ahead of one are
            // delivered first, and the next call reports it.
            uint size = *(uint*)misfit & ~DiscardBit;
            Volatile.Write(ref *consumerPosition, consumer + ((HeaderSize + size + 7) & ~7u));
            RecordStream.Read<T>(new ReadOnlySpan<byte>(misfit + HeaderSize, (int)size), padded: false, Label);   // throws
        }
        if (consumer != start)
            Volatile.Write(ref *consumerPosition, consumer);   // release: the kernel may reuse the run's space now
        return count;
    }

    /// <summary>Whether the producer is ahead of the consumer (what the kernel's poll reports as EPOLLIN).</summary>
    /// <remarks>
    /// Called by waits only, without the lock (so a Dispose from inside a read's action cannot deadlock with a
    /// wait): the ring is unmapped only after <see cref="EventPoll.Dispose"/> has seen every wait end.
    /// </remarks>
    private bool HasData() => Volatile.Read(ref *ProducerPosition) != Volatile.Read(ref *ConsumerPosition);

    protected override void Release()
    {
        if (_producerPage != null)
            LibC.Munmap((nint)_producerPage, _dataMappingLength);
        if (_consumerPage != null)
            LibC.Munmap((nint)_consumerPage, (nuint)_pageSize);
        _producerPage = null;
        _consumerPage = null;
        if (OwnsMap)
            Map.Dispose();
    }

    private byte* MapPages(int fd, nuint length, int protection, long offset, string what)
    {
        nint address = LibC.Mmap(0, length, protection, LibC.MapShared, fd, offset);
        if (address != LibC.MapFailed)
            return (byte*)address;
        int errno = Marshal.GetLastPInvokeError();
        throw BpfErrors.FromErrno(errno, $"Memory-mapping {what} of {Label} ({length} bytes at offset {offset}) failed: mmap returned {Errno.Name(errno)}");
    }
}

using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>
/// One perf buffer per CPU behind a perf event array, shared by <see cref="PerfEventReader"/> and
/// <see cref="PerfEventReader{T}"/>, set up as libbpf's perf_buffer__new does (libbpf: src/libbpf.c): for each
/// online CPU up to the map's capacity, a software BPF output event sampling raw records, its ring mapped as
/// <code>
/// page 0        struct perf_event_mmap_page   data_head (u64 at 1024, kernel-written), data_tail (u64 at 1032, ours)
/// pages 1..n    data                          records, 8-byte aligned, wrapping at the end
/// </code>
/// its descriptor stored in the map at the CPU's index, and the event enabled. A record is a
/// struct perf_event_header (u32 type, u16 misc, u16 size) and, for PERF_RECORD_SAMPLE, a u32 raw size and the raw
/// data; PERF_RECORD_LOST carries u64 id and u64 lost (kernel: include/uapi/linux/perf_event.h).
/// </summary>
internal sealed unsafe class PerfEventBuffers : MappedRecordSource
{
    internal const int DataHeadOffset = 1024;    // offsetof(struct perf_event_mmap_page, data_head)
    internal const int DataTailOffset = 1032;    // offsetof(struct perf_event_mmap_page, data_tail)
    private const int HeaderSize = 8;           // sizeof(struct perf_event_header)
    private const uint RecordLost = 2;          // PERF_RECORD_LOST
    private const uint RecordSample = 9;        // PERF_RECORD_SAMPLE

    private readonly int _pageSize;
    private readonly ulong _dataSize;
    private readonly nuint _mappingLength;
    private readonly List<CpuBuffer> _buffers = [];
    private byte[]? _wrapped;
    private int _next;
    private long _lost;
    public PerfEventBuffers(BpfMap map, int pagesPerCpu, bool ownsMap, string readerName)
        : base(map, $"perf event array '{map.Name}'")
    {
        ViewShape.CheckType(map, readerName, BpfMapType.PerfEventArray);
        if (map.KeySize != 4 || map.ValueSize != 4)
            throw new ArgumentException($"{map.Label} has {map.KeySize}-byte keys and {map.ValueSize}-byte values; a perf event array has 4 and 4.", nameof(map));
        if (pagesPerCpu <= 0 || (pagesPerCpu & (pagesPerCpu - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(pagesPerCpu), pagesPerCpu, "Each CPU's perf buffer is a power-of-two number of pages (1, 2, 4, 8, …).");
        _pageSize = LibC.PageSize;
        _dataSize = (ulong)pagesPerCpu * (ulong)_pageSize;
        _mappingLength = (nuint)(_dataSize + (ulong)_pageSize);
        try
        {
            Poll = new EventPoll(Label, HasData);
            var online = PossibleCpus.Online();
            int cpuCount = Math.Min(BpfMap.PossibleCpuCount, map.MaxEntries);
            for (int cpu = 0; cpu < cpuCount; cpu++)
                if (online is null || online.Contains(cpu))
                    Open(cpu);
        }
        catch
        {
            Poll?.Dispose();
            Release();
            throw;
        }
        OwnsMap = ownsMap;
        Cpus = _buffers.Select(buffer => buffer.Cpu).ToArray();
    }

    /// <summary>The CPUs with a buffer.</summary>
    public IReadOnlyList<int> Cpus { get; }

    /// <summary>Records the kernel dropped because a buffer was full, as its PERF_RECORD_LOST records counted them.</summary>
    public long LostCount => Interlocked.Read(ref _lost);

    private void Open(int cpu)
    {
        var perfEvent = PerfEvents.TryOpenBpfOutput(cpu, out int errno)
            ?? throw BpfErrors.FromErrno(errno, $"Opening the BPF output perf event of CPU {cpu} for {Label} failed: perf_event_open returned {Errno.Name(errno)}");
        var buffer = new CpuBuffer(cpu, perfEvent);
        _buffers.Add(buffer);
        using (var lease = perfEvent.Borrow())
        {
            nint address = LibC.Mmap(0, _mappingLength, LibC.ProtRead | LibC.ProtWrite, LibC.MapShared, lease.Fd, 0);
            if (address == LibC.MapFailed)
            {
                errno = Marshal.GetLastPInvokeError();
                throw BpfErrors.FromErrno(errno, $"Memory-mapping the perf buffer of CPU {cpu} for {Label} ({_mappingLength} bytes) failed: mmap returned {Errno.Name(errno)}");
            }
            buffer.Page = (byte*)address;
            errno = PerfEvents.Enable(perfEvent);
            if (errno != 0)
                throw BpfErrors.FromErrno(errno, $"Enabling the perf event of CPU {cpu} for {Label} failed: ioctl(PERF_EVENT_IOC_ENABLE) returned {Errno.Name(errno)}");
            Map.Update((uint)cpu, lease.Fd);
        }
        buffer.InMap = true;
        Poll.Add(perfEvent);
    }

    /// <summary>
    /// Hands up to <paramref name="limit"/> samples to <paramref name="action"/>, each CPU's in order, emptying
    /// one CPU's buffer before moving to the next. A sample is consumed after the action returns, or throws.
    /// </summary>
    protected override int ReadLocked<TState>(int limit, ref TState state, RecordAction<TState> action)
    {
        int count = 0;
        for (int emptied = 0; emptied < _buffers.Count && count < limit && !Disposed;)
        {
            if (ReadBuffer(_buffers[_next], limit, ref count, ref state, action))
            {
                _next = (_next + 1) % _buffers.Count;
                emptied++;
            }
        }
        return count;
    }

    /// <summary>Reads one CPU's records until it is empty (true) or <paramref name="limit"/> samples are read (false).</summary>
    private bool ReadBuffer<TState>(CpuBuffer buffer, int limit, ref int count, ref TState state, RecordAction<TState> action)
    {
        byte* page = buffer.Page;
        byte* data = page + _pageSize;
        // Acquire pairs with the kernel's release of data_head; our release of data_tail frees the space (libbpf: ring_buffer_read_head/write_tail).
        ulong head = Volatile.Read(ref *(ulong*)(page + DataHeadOffset));
        ulong tail = *(ulong*)(page + DataTailOffset);
        while (tail != head)
        {
            if (count >= limit || Disposed)
                return false;
            ulong offset = tail & (_dataSize - 1);
            byte* record = data + offset;    // headers never wrap: records are multiples of 8 bytes
            uint type = *(uint*)record;
            int size = *(ushort*)(record + 6);
            if (size < HeaderSize)
            {
                Volatile.Write(ref *(ulong*)(page + DataTailOffset), head);
                throw new InvalidDataException($"The perf buffer of CPU {buffer.Cpu} for {Label} holds a {size}-byte record, shorter than its header; its remaining records were skipped.");
            }
            if (offset + (ulong)size > _dataSize)
                record = Unwrap(data, offset, size);
            ulong next = tail + (ulong)size;
            try
            {
                if (type == RecordSample)
                {
                    uint rawSize = Math.Min(*(uint*)(record + HeaderSize), (uint)(size - HeaderSize - sizeof(uint)));
                    count++;
                    action(new ReadOnlySpan<byte>(record + HeaderSize + sizeof(uint), (int)rawSize), buffer.Cpu, ref state);
                }
                else if (type == RecordLost)
                {
                    Interlocked.Add(ref _lost, (long)*(ulong*)(record + HeaderSize + sizeof(ulong)));
                }
            }
            finally
            {
                if (!Disposed)
                    Volatile.Write(ref *(ulong*)(page + DataTailOffset), next);
            }
            tail = next;
        }
        return true;
    }

    /// <summary>Copies a record that runs past the end of the ring into one piece, as libbpf does.</summary>
    private byte* Unwrap(byte* data, ulong offset, int size)
    {
        // Pinned, so the pointer stays valid; records are at most 64 KiB (the u16 size).
        _wrapped ??= GC.AllocateUninitializedArray<byte>(ushort.MaxValue + 1, pinned: true);
        int first = (int)(_dataSize - offset);
        fixed (byte* copy = _wrapped)
        {
            new ReadOnlySpan<byte>(data + offset, first).CopyTo(new Span<byte>(copy, first));
            new ReadOnlySpan<byte>(data, size - first).CopyTo(new Span<byte>(copy + first, size - first));
            return copy;
        }
    }

    /// <summary>Whether any buffer has unread records; called by waits only (see <see cref="RingBufferConsumer"/>).</summary>
    private bool HasData()
    {
        foreach (var buffer in _buffers)
            if (Volatile.Read(ref *(ulong*)(buffer.Page + DataHeadOffset)) != Volatile.Read(ref *(ulong*)(buffer.Page + DataTailOffset)))
                return true;
        return false;
    }

    protected override void Release()
    {
        foreach (var buffer in _buffers)
        {
            if (buffer.InMap && !Map.Handle.IsClosed)
            {
                try
                {
                    Map.Delete((uint)buffer.Cpu);
                }
                catch (BpfException)
                {
                    // Best effort: the kernel also empties the slot when the map descriptor that filled it is
                    // closed (kernel: kernel/bpf/arraymap.c, perf_event_fd_array_release).
                }
            }
            if (buffer.Page != null)
                LibC.Munmap((nint)buffer.Page, _mappingLength);
            buffer.Page = null;
            buffer.Event.Dispose();
        }
        _buffers.Clear();
        if (OwnsMap)
            Map.Dispose();
    }

    private sealed class CpuBuffer(int cpu, BpfFileDescriptor perfEvent)
    {
        public int Cpu { get; } = cpu;

        public BpfFileDescriptor Event { get; } = perfEvent;

        public byte* Page { get; set; }

        public bool InMap { get; set; }
    }
}

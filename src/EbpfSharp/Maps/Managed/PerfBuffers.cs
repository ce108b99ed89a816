using System.Buffers.Binary;

namespace EbpfSharp.Maps.Managed;

/// <summary>
/// A perf event array's records (kernel: kernel/trace/bpf_trace.c, __bpf_perf_event_output; net/core/filter.c,
/// bpf_xdp_event_output). On the CLR, slot <c>i</c> of every possible CPU holds a reader bound to CPU <c>i</c>,
/// as libbpf's perf buffer sets it up, and its buffer never fills. So a program may write to its own CPU's slot
/// only (−EOPNOTSUPP for another CPU's, as in the kernel), and slots past the possible CPUs have no reader
/// (−ENOENT).
/// </summary>
internal sealed unsafe class PerfBuffers
{
    private const ulong IndexMask = 0xffffffff;                 // BPF_F_INDEX_MASK
    private const ulong CurrentCpu = IndexMask;                 // BPF_F_CURRENT_CPU
    private const ulong PacketLengthMask = 0xfffffUL << 32;     // BPF_F_CTXLEN_MASK

    private readonly Lock _gate = new();
    private readonly Queue<byte[]>[] _pending;

    /// <param name="maxEntries">Slots; 0 means one per possible CPU, as the loader sizes it.</param>
    public PerfBuffers(int maxEntries)
    {
        _pending = new Queue<byte[]>[maxEntries == 0 ? PossibleCpus.Count : maxEntries];
        for (int slot = 0; slot < _pending.Length; slot++)
            _pending[slot] = new Queue<byte[]>();
    }

    /// <summary>The number of slots.</summary>
    public int Slots => _pending.Length;

    /// <summary>
    /// <c>bpf_perf_event_output</c> from XDP: <paramref name="size"/> bytes of <paramref name="data"/>, then as many
    /// packet bytes as the upper 32 bits of <paramref name="flags"/> ask for.
    /// </summary>
    public long Output(XdpContext? ctx, ulong flags, void* data, ulong size)
    {
        if ((flags & ~(IndexMask | PacketLengthMask)) != 0)
            return Errno.InvalidArgument;
        int packetBytes = (int)((flags & PacketLengthMask) >> 32);
        // The kernel's context is never null; the CLR allows a null one when no packet bytes are asked for.
        if (packetBytes > 0 && (ctx is null || packetBytes > ctx.Length))
            return Errno.BadAddress;
        int cpu = PossibleCpus.Current;
        ulong index = flags & IndexMask;
        if (index == CurrentCpu)
            index = (ulong)cpu;
        if (index >= (ulong)_pending.Length)
            return Errno.TooBig;
        if (index >= (ulong)PossibleCpus.Count)
            return Errno.NoEntry;
        if (index != (ulong)cpu)
            return Errno.NotSupported;
        var record = new byte[checked((int)size + packetBytes)];
        new ReadOnlySpan<byte>(data, (int)size).CopyTo(record);
        if (packetBytes > 0)
            new ReadOnlySpan<byte>(ctx!.Data, packetBytes).CopyTo(record.AsSpan((int)size));
        lock (_gate)
            _pending[index].Enqueue(record);
        return 0;
    }

    /// <summary>Takes the oldest record written to <paramref name="slot"/>'s buffer.</summary>
    public bool TryRead(int slot, out byte[] record)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, _pending.Length);
        lock (_gate)
            return _pending[slot].TryDequeue(out record!);
    }

    /// <summary>Every slot's pending records, by slot (key: the slot as 4 little-endian bytes), oldest first.</summary>
    public IReadOnlyList<(byte[] Key, byte[] Value)> Contents()
    {
        var entries = new List<(byte[] Key, byte[] Value)>();
        lock (_gate)
        {
            for (int slot = 0; slot < _pending.Length; slot++)
            {
                foreach (var record in _pending[slot])
                {
                    var key = new byte[sizeof(uint)];
                    BinaryPrimitives.WriteUInt32LittleEndian(key, (uint)slot);
                    entries.Add((key, record.ToArray()));
                }
            }
        }
        return entries;
    }

    public void Clear()
    {
        lock (_gate)
        {
            foreach (var records in _pending)
                records.Clear();
        }
    }
}

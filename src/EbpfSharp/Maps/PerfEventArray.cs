using EbpfSharp.Maps.Managed;

namespace EbpfSharp;

/// <summary>
/// A perf event array (<c>BPF_MAP_TYPE_PERF_EVENT_ARRAY</c>): records of <typeparamref name="T"/> written to a
/// per-CPU perf buffer the host reads. Prefer <see cref="RingBuffer{T}"/> on Linux 5.8 and later; this kind is
/// for older kernels and for tools that read perf buffers.
/// </summary>
/// <remarks>
/// On the CLR every possible CPU's slot has a reader on that CPU, as libbpf's perf buffer sets it up, and its
/// buffer never fills; a program may write only to its own CPU's slot, as in the kernel.
/// </remarks>
[MapKind(MapKind.PerfEventArray)]
public sealed unsafe class PerfEventArray<T> : ProgramMap
    where T : unmanaged
{
    /// <summary>The flag value that means "this CPU's buffer" (<c>BPF_F_CURRENT_CPU</c>).</summary>
    internal const ulong CurrentCpu = 0xffffffff;

    private readonly PerfBuffers _buffers;

    /// <summary>Declares the array.</summary>
    /// <param name="maxEntries">Number of CPU slots; 0 lets the loader use the number of possible CPUs.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public PerfEventArray(int maxEntries = 0, bool pinned = false)
        : base(MapKind.PerfEventArray, sizeof(int), sizeof(uint), maxEntries, MapFlags.None, pinned)
    {
        if (maxEntries < 0)
            throw new ArgumentOutOfRangeException(nameof(maxEntries), maxEntries, "The number of CPU slots cannot be negative.");
        _buffers = new PerfBuffers(maxEntries);
    }

    /// <summary>Writes <paramref name="record"/> to this CPU's perf buffer (<c>bpf_perf_event_output</c>).</summary>
    /// <returns>True, or false when no reader has opened this CPU's buffer or it is full.</returns>
    public bool Output(XdpContext ctx, T record) => OutputRecord(ctx, this, CurrentCpu, &record, (ulong)sizeof(T)) == 0;

    /// <summary>On the CLR: takes the oldest record written on <paramref name="cpu"/>'s buffer. Not available in programs.</summary>
    [ClrOnly]
    public bool TryRead(int cpu, out T record)
    {
        bool read = _buffers.TryRead(cpu, out byte[] content);
        record = read ? RecordBytes.As<T>(content) : default;
        return read;
    }

    [BpfHelper(25)]
    internal static long OutputRecord(XdpContext ctx, PerfEventArray<T> map, ulong flags, void* data, ulong size) =>
        map._buffers.Output(ctx, flags, data, size);

    /// <inheritdoc/>
    public override IReadOnlyList<(byte[] Key, byte[] Value)> ContentBytes() => _buffers.Contents();

    /// <inheritdoc/>
    public override void Clear() => _buffers.Clear();
}

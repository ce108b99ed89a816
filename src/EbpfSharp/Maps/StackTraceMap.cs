using EbpfSharp.Maps.Managed;

namespace EbpfSharp;

/// <summary>
/// A stack trace map (<c>BPF_MAP_TYPE_STACK_TRACE</c>): <see cref="GetStackId(RawTracepointContext, StackTraceFlags, int)"/> stores the current call stack and
/// returns its id; the host reads the stack's instruction addresses by id. Available to tracing programs (raw tracepoints,
/// tracepoints, kprobes and uprobes); XDP programs cannot capture stacks.
/// </summary>
/// <remarks>
/// On the CLR the managed call stack stands in for the kernel's: frames are method entry points plus IL offsets,
/// and the JIT may inline some away. Ids follow the kernel's rules (a hash of the frames picks one of
/// <c>maxEntries</c> rounded up to a power of two buckets; the same stack gets the same id; another stack's bucket
/// gives −EEXIST unless <see cref="StackTraceFlags.ReuseId"/>), but the hash differs, so the ids themselves do.
/// </remarks>
[MapKind(MapKind.StackTrace)]
public sealed unsafe class StackTraceMap : ProgramMap
{
    private readonly StackBuckets _buckets;

    /// <summary>Declares the map.</summary>
    /// <param name="maxEntries">Number of stacks it holds.</param>
    /// <param name="depth">Frames kept per stack (at most 127, the kernel's default limit).</param>
    /// <param name="flags">Creation flags.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public StackTraceMap(int maxEntries, int depth = 127, MapFlags flags = MapFlags.None, bool pinned = false)
        : base(MapKind.StackTrace, sizeof(uint), ValidDepth(depth) * sizeof(ulong), maxEntries, flags, pinned)
    {
        Depth = depth;
        _buckets = new StackBuckets(maxEntries, depth);
    }

    /// <summary>Frames kept per stack.</summary>
    public int Depth { get; }

    /// <summary>
    /// Stores the current stack and returns its id (<c>bpf_get_stackid</c>), or a negative error (−EEXIST when
    /// another stack holds its bucket and <see cref="StackTraceFlags.ReuseId"/> is not set). <paramref name="skip"/>
    /// frames are left off the top (0 to 255).
    /// </summary>
    public long GetStackId(RawTracepointContext ctx, StackTraceFlags flags = StackTraceFlags.None, int skip = 0) =>
        GetStackIdRaw(ctx, this, (ulong)flags | (uint)(skip & 0xff));

    /// <summary>
    /// Stores the current stack and returns its id, from a probe's registers (kprobe, uprobe and their return
    /// probes), as <see cref="GetStackId(RawTracepointContext, StackTraceFlags, int)"/> does.
    /// </summary>
    public long GetStackId(PtRegs* ctx, StackTraceFlags flags = StackTraceFlags.None, int skip = 0) =>
        GetStackIdRaw(ctx, this, (ulong)flags | (uint)(skip & 0xff));

    /// <summary>
    /// Stores the current stack and returns its id, from a tracepoint program's record pointer (its context),
    /// as <see cref="GetStackId(RawTracepointContext, StackTraceFlags, int)"/> does.
    /// </summary>
    public long GetStackId(void* ctx, StackTraceFlags flags = StackTraceFlags.None, int skip = 0) =>
        GetStackIdRaw(ctx, this, (ulong)flags | (uint)(skip & 0xff));

    [BpfHelper(27)]
    internal static long GetStackIdRaw(RawTracepointContext ctx, StackTraceMap map, ulong flags) => map._buckets.GetStackId(flags);

    [BpfHelper(27)]
    internal static long GetStackIdRaw(void* ctx, StackTraceMap map, ulong flags) => map._buckets.GetStackId(flags);

    /// <inheritdoc/>
    public override IReadOnlyList<(byte[] Key, byte[] Value)> ContentBytes() => _buckets.Contents();

    /// <inheritdoc/>
    public override void Clear() => _buckets.Clear();

    private static int ValidDepth(int depth) => depth is >= 1 and <= 127
        ? depth
        : throw new ArgumentOutOfRangeException(nameof(depth), depth, "A stack trace keeps 1 to 127 frames.");
}

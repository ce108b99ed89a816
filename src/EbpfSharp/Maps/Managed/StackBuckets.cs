using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;

namespace EbpfSharp.Maps.Managed;

/// <summary>
/// A stack trace map's buckets (kernel: kernel/bpf/stackmap.c, __bpf_get_stackid). The CLR's stack stands in for
/// the kernel's: each frame's "address" is its method's entry point plus the IL offset, so the same call path
/// gives the same frames, and the ids follow the kernel's rules: a hash of the frames picks one of
/// <c>roundup_pow_of_two(maxEntries)</c> buckets; the same stack gets the same id; a bucket holding another
/// stack answers −EEXIST unless <c>BPF_F_REUSE_STACKID</c> replaces it. The hash differs from the kernel's jhash,
/// and the JIT may inline frames away, so ids and frames are an approximation of what the kernel would report.
/// </summary>
internal sealed class StackBuckets
{
    private const ulong SkipMask = 0xff;   // BPF_F_SKIP_FIELD_MASK
    private const ulong KnownFlags = SkipMask | (ulong)(StackTraceFlags.UserStack | StackTraceFlags.FastCompare | StackTraceFlags.ReuseId);

    private sealed record Bucket(uint Hash, ulong[] Frames);

    private readonly Lock _gate = new();
    private readonly Bucket?[] _buckets;
    private readonly int _depth;

    public StackBuckets(int maxEntries, int depth)
    {
        _buckets = new Bucket?[BitOperations.RoundUpToPowerOf2((uint)maxEntries)];
        _depth = depth;
    }

    /// <summary>
    /// <c>bpf_get_stackid</c> for the calling thread's stack, from the frame that called into the map: the id,
    /// −EINVAL for unknown flags, −EFAULT when the skip leaves no frames, or −EEXIST.
    /// </summary>
    public long GetStackId(ulong flags)
    {
        if ((flags & ~KnownFlags) != 0)
            return Errno.InvalidArgument;
        var frames = CaptureFrames((int)(flags & SkipMask));
        if (frames.Length == 0)
            return Errno.BadAddress;
        uint hash = Hash(frames);
        uint id = hash & (uint)(_buckets.Length - 1);
        lock (_gate)
        {
            var bucket = _buckets[id];
            if (bucket is not null && bucket.Hash == hash
                && ((flags & (ulong)StackTraceFlags.FastCompare) != 0 || bucket.Frames.AsSpan().SequenceEqual(frames)))
                return id;
            if (bucket is not null && (flags & (ulong)StackTraceFlags.ReuseId) == 0)
                return Errno.Exists;
            _buckets[id] = new Bucket(hash, frames);
            return id;
        }
    }

    /// <summary>Every stored stack: the id as 4 little-endian bytes, the frames as 8-byte values padded with zeros to the depth.</summary>
    public IReadOnlyList<(byte[] Key, byte[] Value)> Contents()
    {
        var entries = new List<(byte[] Key, byte[] Value)>();
        lock (_gate)
        {
            for (int id = 0; id < _buckets.Length; id++)
            {
                if (_buckets[id] is not { } bucket)
                    continue;
                var key = new byte[sizeof(uint)];
                BinaryPrimitives.WriteUInt32LittleEndian(key, (uint)id);
                var value = new byte[_depth * sizeof(ulong)];
                for (int frame = 0; frame < bucket.Frames.Length; frame++)
                    BinaryPrimitives.WriteUInt64LittleEndian(value.AsSpan(frame * sizeof(ulong)), bucket.Frames[frame]);
                entries.Add((key, value));
            }
        }
        entries.Sort((x, y) => ByteKeyComparer.Order(x.Key, y.Key));
        return entries;
    }

    public void Clear()
    {
        lock (_gate)
            Array.Clear(_buckets);
    }

    // The innermost frames outside the map code, after skipping `skip` of them, at most the depth.
    private ulong[] CaptureFrames(int skip)
    {
        var frames = new StackTrace(fNeedFileInfo: false).GetFrames()
            .SkipWhile(frame => IsMapCode(frame.GetMethod()))
            .Skip(skip)
            .Take(_depth)
            .Select(Address);
        return frames.ToArray();
    }

    private static bool IsMapCode(System.Reflection.MethodBase? method) =>
        method?.DeclaringType is { } type && (type == typeof(StackBuckets) || type == typeof(StackTraceMap));

    private static ulong Address(StackFrame frame)
    {
        ulong entry = 0;
        try
        {
            entry = (ulong)(frame.GetMethod()?.MethodHandle.GetFunctionPointer() ?? 0);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            // Dynamic methods have no handle: their frames read as 0 plus the offset.
        }
        return entry + (ulong)Math.Max(frame.GetILOffset(), 0);
    }

    // FNV-1a over the frames' bytes: the kernel's jhash2 differs, but only which bucket a stack lands in.
    private static uint Hash(ulong[] frames)
    {
        uint hash = 2166136261;
        foreach (ulong frame in frames)
        {
            for (int shift = 0; shift < 64; shift += 8)
                hash = (hash ^ (byte)(frame >> shift)) * 16777619;
        }
        return hash;
    }
}

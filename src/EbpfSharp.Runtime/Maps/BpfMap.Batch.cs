using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

// The batch commands (Linux 5.6+): many elements per bpf() call. Keys and values are packed back to back,
// KeySize and ValueBufferSize bytes each. The kernel reports how many elements it processed even when the
// call fails, which is how partial progress and the end of the map (ENOENT) are told apart.
public sealed partial class BpfMap
{
    /// <summary>
    /// Reads the next entries after <paramref name="cursor"/> into <paramref name="keys"/> and
    /// <paramref name="values"/> (BPF_MAP_LOOKUP_BATCH) and advances the cursor.
    /// </summary>
    /// <param name="cursor">Where to resume; a new cursor starts at the beginning.</param>
    /// <param name="keys">Room for n keys (n * <see cref="KeySize"/> bytes).</param>
    /// <param name="values">Room for the same n values (n * <see cref="ValueBufferSize"/> bytes).</param>
    /// <param name="flags"><see cref="MapLookupFlags.Lock"/> to copy each value under its spin lock.</param>
    /// <returns>The entries read; fewer than n near the end, 0 once <see cref="MapBatchCursor.IsFinished"/>.</returns>
    /// <exception cref="BpfLimitException">
    /// The next hash bucket holds more entries than the buffers (ENOSPC): hash maps return whole buckets, so pass larger buffers.
    /// </exception>
    /// <exception cref="BpfNotSupportedException">The map type or kernel has no batch lookup.</exception>
    public int LookupBatch(MapBatchCursor cursor, Span<byte> keys, Span<byte> values, MapLookupFlags flags = MapLookupFlags.None) =>
        ReadBatch(BpfCommand.MapLookupBatch, cursor, keys, values, flags);

    /// <summary>
    /// Like <see cref="LookupBatch(MapBatchCursor, Span{byte}, Span{byte}, MapLookupFlags)"/>, but also removes
    /// the entries read (BPF_MAP_LOOKUP_AND_DELETE_BATCH; hash maps only).
    /// </summary>
    public int LookupAndDeleteBatch(MapBatchCursor cursor, Span<byte> keys, Span<byte> values, MapLookupFlags flags = MapLookupFlags.None) =>
        ReadBatch(BpfCommand.MapLookupAndDeleteBatch, cursor, keys, values, flags);

    /// <summary>Stores many entries in one call (BPF_MAP_UPDATE_BATCH).</summary>
    /// <param name="keys">n keys, back to back.</param>
    /// <param name="values">n values, back to back (<see cref="ValueBufferSize"/> bytes each).</param>
    /// <param name="flags">
    /// <see cref="MapUpdateFlags.Any"/> or <see cref="MapUpdateFlags.Lock"/>: Linux 6.18 refuses NoExist and Exist
    /// in batches with EINVAL.
    /// </param>
    /// <exception cref="BpfException">The kernel stopped at an entry; the message says how many were written before it.</exception>
    public unsafe void UpdateBatch(ReadOnlySpan<byte> keys, ReadOnlySpan<byte> values, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        int count = CheckBatchBuffers(nameof(UpdateBatch), keys.Length, values.Length);
        (int done, int errno) = (0, 0);
        fixed (byte* keyPointer = keys)
        fixed (byte* valuePointer = values)
            (done, errno) = CallBatch(BpfCommand.MapUpdateBatch, null, null, keyPointer, valuePointer, count, (ulong)flags);
        if (errno != 0)
            throw MapErrors.Create(this, BpfCommand.MapUpdateBatch, errno,
                $"Updating {Label} with a batch of {count} entries ({Processed(done, count)} written before the failure)", (ulong)flags);
    }

    /// <summary>Removes many keys in few calls (BPF_MAP_DELETE_BATCH). Keys that are not in the map are skipped.</summary>
    /// <param name="keys">n keys, back to back.</param>
    /// <returns>How many keys were removed.</returns>
    /// <exception cref="BpfNotSupportedException">The map type has no batch delete (arrays).</exception>
    public unsafe int DeleteBatch(ReadOnlySpan<byte> keys)
    {
        CheckHasKeys(nameof(DeleteBatch));
        if (keys.Length % KeySize != 0)
            throw new ArgumentException($"{Label} has {KeySize}-byte keys, so the keys buffer must be a multiple of {KeySize} bytes, not {keys.Length}.", nameof(keys));
        int deleted = 0;
        int remaining = keys.Length / KeySize;
        fixed (byte* start = keys)
        {
            byte* next = start;
            while (remaining > 0)
            {
                var (done, errno) = CallBatch(BpfCommand.MapDeleteBatch, null, null, next, null, remaining, 0);
                if (errno == 0)
                {
                    deleted += done;
                    break;
                }
                deleted += Processed(done, remaining);
                if (errno != Errno.ENOENT)
                    throw MapErrors.Create(this, BpfCommand.MapDeleteBatch, errno, $"Deleting a batch of {keys.Length / KeySize} keys from {Label} ({deleted} deleted before the failure)");
                // The kernel stops at the first absent key: step over it and go on with the rest.
                next += (long)(done + 1) * KeySize;
                remaining -= done + 1;
            }
        }
        return deleted;
    }

    private int ReadBatch(BpfCommand command, MapBatchCursor cursor, Span<byte> keys, Span<byte> values, MapLookupFlags flags)
    {
        var (count, errno) = TryReadBatch(command, cursor, keys, values, flags);
        if (errno != 0)
        {
            string verb = command == BpfCommand.MapLookupBatch ? "Reading" : "Reading and deleting";
            throw MapErrors.Create(this, command, errno, $"{verb} a batch of up to {keys.Length / KeySize} entries of {Label}", (ulong)flags);
        }
        return count;
    }

    /// <summary>One batch read. Returns the entries read and 0, or the errno (ENOENT, the end of the map, is not an error).</summary>
    private unsafe (int Count, int Errno) TryReadBatch(BpfCommand command, MapBatchCursor cursor, Span<byte> keys, Span<byte> values, MapLookupFlags flags)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        int capacity = CheckBatchBuffers(command == BpfCommand.MapLookupBatch ? nameof(LookupBatch) : nameof(LookupAndDeleteBatch), keys.Length, values.Length);
        if (cursor.IsFinished)
            return (0, 0);
        // Hash maps keep a u32 bucket number here, the others a key (kernel: kernel/bpf/syscall.c, generic_map_lookup_batch).
        int positionSize = Math.Max(KeySize, sizeof(uint));
        var positions = cursor.Positions(positionSize);
        (int count, int errno) = (0, 0);
        fixed (byte* position = positions)
        fixed (byte* keyPointer = keys)
        fixed (byte* valuePointer = values)
            (count, errno) = CallBatch(command, cursor.HasPosition ? position : null, position + positionSize, keyPointer, valuePointer, capacity, (ulong)flags);
        if (errno is 0 or Errno.ENOENT && count > 0)
            cursor.Advance();
        if (errno == Errno.ENOENT)
        {
            cursor.IsFinished = true;
            errno = 0;
        }
        return (count, errno);
    }

    /// <summary>Checks packed key and value buffers and returns how many entries they hold.</summary>
    private int CheckBatchBuffers(string operation, int keyBytes, int valueBytes)
    {
        CheckHasKeys(operation);
        int count = keyBytes / KeySize;
        if (keyBytes == 0 || keyBytes % KeySize != 0)
            throw new ArgumentException($"{Label} has {KeySize}-byte keys, so the keys buffer must be a non-zero multiple of {KeySize} bytes, not {keyBytes}.", "keys");
        if (valueBytes != count * ValueBufferSize)
            throw new ArgumentException(
                $"The keys buffer holds {count} keys of {Label}, so the values buffer must hold {count} x {ValueBufferSize} = {count * ValueBufferSize} bytes{(IsPerCpu ? " (one 8-byte aligned slot per possible CPU per value)" : "")}, not {valueBytes}.",
                "values");
        return count;
    }

    /// <summary>
    /// How many elements a failed update or delete batch processed. The kernel's element loop stops short of
    /// the requested count on failure; a count left at the request means the call failed before the loop.
    /// </summary>
    private static int Processed(int reported, int requested) => reported < requested ? reported : 0;

    /// <summary>Runs one BPF_MAP_*_BATCH command; returns the kernel's processed count and 0 or the errno.</summary>
    private unsafe (int Count, int Errno) CallBatch(BpfCommand command, byte* inBatch, byte* outBatch, byte* keys, byte* values, int count, ulong elementFlags)
    {
        using var lease = Lease();
        var attributes = new MapBatchAttributes
        {
            InBatch = (ulong)inBatch,
            OutBatch = (ulong)outBatch,
            Keys = (ulong)keys,
            Values = (ulong)values,
            Count = (uint)count,
            MapFd = (uint)lease.Fd,
            ElementFlags = elementFlags,
        };
        long result = BpfSyscall.Call(command, &attributes, sizeof(MapBatchAttributes));
        return ((int)attributes.Count, result < 0 ? (int)-result : 0);
    }
}

using System.Runtime.InteropServices;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

// Whole-map reads built on the batch commands, and typed views of the batch methods.
public sealed partial class BpfMap
{
    // Entries per batch call at first; hash maps may need more room for one bucket (ENOSPC), then it doubles.
    private const int InitialBatchEntries = 4096;

    /// <summary>Reads every entry in batches (BPF_MAP_LOOKUP_BATCH), copying keys and values into new arrays.</summary>
    /// <remarks>Values have <see cref="ValueBufferSize"/> bytes (one 8-byte aligned slot per CPU for per-CPU maps).</remarks>
    /// <exception cref="BpfNotSupportedException">The map type or kernel has no batch lookup; enumerate <see cref="Entries()"/> instead.</exception>
    public IReadOnlyList<(byte[] Key, byte[] Value)> LookupAll() => ReadAll(BpfCommand.MapLookupBatch);

    /// <summary>Reads and removes every entry in batches (BPF_MAP_LOOKUP_AND_DELETE_BATCH; hash maps).</summary>
    /// <exception cref="BpfNotSupportedException">The map type has no batch lookup-and-delete (arrays).</exception>
    public IReadOnlyList<(byte[] Key, byte[] Value)> LookupAndDeleteAll() => ReadAll(BpfCommand.MapLookupAndDeleteBatch);

    /// <summary>Reads every entry in batches as unmanaged structs; see <see cref="LookupAll()"/>.</summary>
    /// <exception cref="ArgumentException">A type's size differs from the map's, or the map is per-CPU.</exception>
    public IReadOnlyList<(TKey Key, TValue Value)> LookupAll<TKey, TValue>() where TKey : unmanaged where TValue : unmanaged
    {
        CheckKeyType<TKey>();
        CheckValueType<TValue>();
        var entries = new List<(TKey Key, TValue Value)>();
        ReadAll(BpfCommand.MapLookupBatch, ref entries, static (keys, values, ref list) =>
        {
            var typedKeys = MemoryMarshal.Cast<byte, TKey>(keys);
            var typedValues = MemoryMarshal.Cast<byte, TValue>(values);
            list.EnsureCapacity(list.Count + typedKeys.Length);
            for (int i = 0; i < typedKeys.Length; i++)
                list.Add((typedKeys[i], typedValues[i]));
        });
        return entries;
    }

    /// <summary>Reads the next entries as unmanaged structs; see <see cref="LookupBatch(MapBatchCursor, Span{byte}, Span{byte}, MapLookupFlags)"/>.</summary>
    /// <param name="cursor">Where to resume.</param>
    /// <param name="keys">Room for n keys.</param>
    /// <param name="values">Room for n values (the same n).</param>
    /// <param name="flags"><see cref="MapLookupFlags.Lock"/> to copy each value under its spin lock.</param>
    /// <returns>The entries read.</returns>
    public int LookupBatch<TKey, TValue>(MapBatchCursor cursor, Span<TKey> keys, Span<TValue> values, MapLookupFlags flags = MapLookupFlags.None)
        where TKey : unmanaged where TValue : unmanaged
    {
        CheckKeyType<TKey>();
        CheckValueType<TValue>();
        return LookupBatch(cursor, MemoryMarshal.AsBytes(keys), MemoryMarshal.AsBytes(values), flags);
    }

    /// <summary>Reads and removes the next entries as unmanaged structs; see <see cref="LookupAndDeleteBatch(MapBatchCursor, Span{byte}, Span{byte}, MapLookupFlags)"/>.</summary>
    public int LookupAndDeleteBatch<TKey, TValue>(MapBatchCursor cursor, Span<TKey> keys, Span<TValue> values, MapLookupFlags flags = MapLookupFlags.None)
        where TKey : unmanaged where TValue : unmanaged
    {
        CheckKeyType<TKey>();
        CheckValueType<TValue>();
        return LookupAndDeleteBatch(cursor, MemoryMarshal.AsBytes(keys), MemoryMarshal.AsBytes(values), flags);
    }

    /// <summary>Stores many unmanaged entries in one call; see <see cref="UpdateBatch(ReadOnlySpan{byte}, ReadOnlySpan{byte}, MapUpdateFlags)"/>.</summary>
    public void UpdateBatch<TKey, TValue>(ReadOnlySpan<TKey> keys, ReadOnlySpan<TValue> values, MapUpdateFlags flags = MapUpdateFlags.Any)
        where TKey : unmanaged where TValue : unmanaged
    {
        CheckKeyType<TKey>();
        CheckValueType<TValue>();
        UpdateBatch(MemoryMarshal.AsBytes(keys), MemoryMarshal.AsBytes(values), flags);
    }

    /// <summary>Removes many unmanaged keys, skipping absent ones; see <see cref="DeleteBatch(ReadOnlySpan{byte})"/>.</summary>
    /// <returns>How many keys were removed.</returns>
    public int DeleteBatch<TKey>(ReadOnlySpan<TKey> keys) where TKey : unmanaged
    {
        CheckKeyType<TKey>();
        return DeleteBatch(MemoryMarshal.AsBytes(keys));
    }

    /// <summary>Reads (and with BPF_MAP_LOOKUP_AND_DELETE_BATCH, removes) every entry, starting with room for <paramref name="initialEntries"/> per call.</summary>
    internal List<(byte[] Key, byte[] Value)> ReadAll(BpfCommand command, int initialEntries = InitialBatchEntries)
    {
        var entries = new List<(byte[] Key, byte[] Value)>();
        int keySize = KeySize, valueSize = ValueBufferSize;
        var state = (List: entries, KeySize: keySize, ValueSize: valueSize);
        ReadAll(command, ref state, static (keys, values, ref s) =>
        {
            for (int i = 0; i < keys.Length / s.KeySize; i++)
                s.List.Add((keys.Slice(i * s.KeySize, s.KeySize).ToArray(), values.Slice(i * s.ValueSize, s.ValueSize).ToArray()));
        }, initialEntries);
        return entries;
    }

    /// <summary>Hands each batch's packed keys and values (<see cref="KeySize"/> and <see cref="ValueBufferSize"/> bytes per entry) to <paramref name="onBatch"/>.</summary>
    /// <remarks>
    /// The spans point into reused batch buffers: the callback copies what it keeps, so no array is allocated per
    /// entry, and it learns each batch's count before copying (to size its collection once).
    /// </remarks>
    internal void ReadAll<TState>(BpfCommand command, ref TState state, BatchAction<TState> onBatch, int initialEntries = InitialBatchEntries)
    {
        CheckHasKeys(command == BpfCommand.MapLookupBatch ? nameof(LookupAll) : nameof(LookupAndDeleteAll));
        int capacity = Math.Clamp(MaxEntries, 1, initialEntries);
        // The last read's buffers when they are the right size (a map read whole is usually read whole again, and
        // new memory costs page faults that show next to the read itself); otherwise uninitialized ones: only the
        // entries the kernel reports written are read.
        var staging = Interlocked.Exchange(ref _staging, null);
        if (staging is null || staging.Keys.Length != capacity * KeySize || staging.Values.Length != capacity * ValueBufferSize)
            staging = null;
        var keys = staging?.Keys ?? GC.AllocateUninitializedArray<byte>(capacity * KeySize);
        var values = staging?.Values ?? GC.AllocateUninitializedArray<byte>(capacity * ValueBufferSize);
        var cursor = new MapBatchCursor();
        // A map never holds more than MaxEntries, so a read that has that many is complete: an array (always full)
        // or a full hash map takes one call, not one more that finds the end. A drain goes on to the end, for
        // entries added while it runs.
        int read = 0, complete = command == BpfCommand.MapLookupBatch ? MaxEntries : int.MaxValue;
        while (!cursor.IsFinished && read < complete)
        {
            var (count, errno) = TryReadBatch(command, cursor, keys, values, MapLookupFlags.None);
            if (errno == Errno.ENOSPC && capacity < MaxEntries)
            {
                capacity = Math.Min(capacity * 2, MaxEntries);
                keys = GC.AllocateUninitializedArray<byte>(capacity * KeySize);
                values = GC.AllocateUninitializedArray<byte>(capacity * ValueBufferSize);
                continue;
            }
            if (errno != 0)
                throw MapErrors.Create(this, command, errno,
                    $"{(command == BpfCommand.MapLookupBatch ? "Reading" : "Reading and deleting")} all entries of {Label} in batches of {capacity}");
            if (count > 0)
                onBatch(keys.AsSpan(0, count * KeySize), values.AsSpan(0, count * ValueBufferSize), ref state);
            read += count;
        }
        if (keys.Length + values.Length <= StagingLimit)
            Volatile.Write(ref _staging, staging is not null && staging.Keys == keys ? staging : new BatchStaging(keys, values));
    }

    // The buffers of the last whole-map read, for the next (taken with an exchange, so concurrent reads never share
    // them); kept only up to StagingLimit bytes. They hold a copy of entries of this map, which the map's owner can read anyway.
    private BatchStaging? _staging;
    private const int StagingLimit = 64 * 1024;

    private sealed record BatchStaging(byte[] Keys, byte[] Values);
}

/// <summary>Handles one batch of a whole-map read: packed keys and values, valid only during the call.</summary>
internal delegate void BatchAction<TState>(ReadOnlySpan<byte> keys, ReadOnlySpan<byte> values, ref TState state);

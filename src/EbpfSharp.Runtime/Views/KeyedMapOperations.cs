using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>
/// What <see cref="MapView{TKey, TValue}"/> and <see cref="PerCpuMapView{TKey, TValue}"/> share: removal, counting,
/// clearing, and the batch commands with a fallback to one call per element for map types without batches (LPM tries).
/// Values here are <see cref="BpfMap.ValueBufferSize"/> bytes, so the per-CPU layout passes through unchanged.
/// </summary>
internal static class KeyedMapOperations
{
    // Entries per batch call when zeroing an array, so a large per-CPU array is not staged in one allocation.
    private const int ZeroingChunk = 1024;

    public static bool IsArray(BpfMap map) => map.Type is BpfMapType.Array or BpfMapType.PerCpuArray;

    /// <exception cref="InvalidOperationException">The map is an array, whose elements cannot be removed.</exception>
    public static bool Remove<TKey>(BpfMap map, in TKey key, string view) where TKey : unmanaged
    {
        RefuseOnArray(map, view, "Remove");
        Span<byte> bytes = stackalloc byte[map.KeySize];
        KeyBytes<TKey>.Write(key, bytes);
        return map.Delete(bytes);
    }

    /// <returns>How many of the keys were there and are removed.</returns>
    public static int RemoveBatch<TKey>(BpfMap map, IEnumerable<TKey> keys, string view) where TKey : unmanaged
    {
        ArgumentNullException.ThrowIfNull(keys);
        RefuseOnArray(map, view, "RemoveBatch");
        var packed = new List<byte>();
        Span<byte> bytes = stackalloc byte[map.KeySize];
        foreach (var key in keys)
        {
            KeyBytes<TKey>.Write(key, bytes);
            packed.AddRange(bytes);
        }
        return DeletePacked(map, packed.ToArray());
    }

    /// <summary>Stores n packed keys and values, in one batch call where the map type has batches.</summary>
    public static void UpdatePacked(BpfMap map, byte[] keys, byte[] values, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        if (keys.Length == 0)
            return;
        // Batches take only Any and Lock (Linux 6.18 answers EINVAL to NoExist and Exist).
        if (flags is MapUpdateFlags.Any or MapUpdateFlags.Lock)
        {
            try
            {
                map.UpdateBatch(keys, values, flags);
                return;
            }
            catch (BpfNotSupportedException)
            {
            }
        }
        int count = keys.Length / map.KeySize;
        for (int i = 0; i < count; i++)
            map.Update(keys.AsSpan(i * map.KeySize, map.KeySize), values.AsSpan(i * map.ValueBufferSize, map.ValueBufferSize), flags);
    }

    /// <summary>Every entry: in batches where the map type has them, else by walking the keys.</summary>
    public static IReadOnlyList<(byte[] Key, byte[] Value)> ReadAll(BpfMap map)
    {
        try
        {
            return map.LookupAll();
        }
        catch (BpfNotSupportedException)
        {
            // A walk can meet a key twice when entries are deleted meanwhile; the callers' dictionaries keep one.
            return map.Entries().ToList();
        }
    }

    /// <summary>Removes every entry (hash maps, LPM tries) or zeroes every element (arrays).</summary>
    public static void Clear(BpfMap map)
    {
        if (!IsArray(map))
        {
            DeletePacked(map, map.Keys().SelectMany(key => key).ToArray());
            return;
        }
        int chunk = Math.Min(ZeroingChunk, map.MaxEntries);
        var values = new byte[chunk * map.ValueBufferSize];
        for (int first = 0; first < map.MaxEntries; first += chunk)
        {
            int count = Math.Min(chunk, map.MaxEntries - first);
            var keys = new byte[count * sizeof(uint)];
            for (int i = 0; i < count; i++)
                BitConverter.TryWriteBytes(keys.AsSpan(i * sizeof(uint)), (uint)(first + i));
            UpdatePacked(map, keys, values[..(count * map.ValueBufferSize)]);
        }
    }

    /// <exception cref="InvalidOperationException">The map is not an array, so counting it means walking it.</exception>
    public static int Count(BpfMap map, string view) =>
        IsArray(map)
            ? map.MaxEntries
            : throw new InvalidOperationException(
                $"{view} over {map.Label} has no cheap count: the kernel does not keep one for {map.Type} maps. CountEntries() counts by walking the map (O(n)).");

    /// <summary>Counts the entries by walking the keys; arrays always hold <see cref="BpfMap.MaxEntries"/>.</summary>
    public static int CountEntries(BpfMap map) => IsArray(map) ? map.MaxEntries : map.Keys().Count();

    private static int DeletePacked(BpfMap map, byte[] keys)
    {
        if (keys.Length == 0)
            return 0;
        try
        {
            return map.DeleteBatch(keys);
        }
        catch (BpfNotSupportedException)
        {
            int deleted = 0;
            for (int offset = 0; offset < keys.Length; offset += map.KeySize)
                if (map.Delete(keys.AsSpan(offset, map.KeySize)))
                    deleted++;
            return deleted;
        }
    }

    private static void RefuseOnArray(BpfMap map, string view, string operation)
    {
        if (IsArray(map))
            throw new InvalidOperationException(
                $"{view}.{operation} cannot remove elements of {map.Label}: every array element exists from creation. Store a zero value instead, or Clear() to zero them all.");
    }
}

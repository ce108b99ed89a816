using EbpfSharp.Object;
using EbpfSharp.Runtime;

namespace EbpfSharp.Benchmarks;

/// <summary>Resets maps between runs and snapshots their contents for comparing the twins.</summary>
public static class MapState
{
    /// <summary>Empties the map (arrays to zeros, keyed maps to no keys, ring buffers drained), then seeds it.</summary>
    public static void Reset(BpfMap map, MapPair pair)
    {
        switch (map.Type)
        {
            case BpfMapType.RingBuffer:
                using (var reader = new RingBufferReader(map))
                    while (reader.TryRead(out _)) { }
                break;
            case BpfMapType.Array or BpfMapType.PerCpuArray:
                var zeros = new byte[map.ValueBufferSize];
                for (uint index = 0; index < map.MaxEntries; index++)
                    map.Update(BitConverter.GetBytes(index), zeros);
                break;
            default:
                foreach (var key in map.Keys().ToList())
                    map.Delete(key);
                break;
        }
        pair.Seed?.Invoke(map);
    }

    /// <summary>
    /// The contents as text lines: "key = value" in key order (values past the ignored prefix), or the ring
    /// buffer's records in order (consumed).
    /// </summary>
    public static List<string> Snapshot(BpfMap map, MapPair pair)
    {
        var lines = new List<string>();
        if (map.Type == BpfMapType.RingBuffer)
        {
            using var reader = new RingBufferReader(map);
            while (reader.TryRead(out var record))
                lines.Add($"record {Convert.ToHexString(record)}");
            return lines;
        }
        var value = new byte[map.ValueBufferSize];
        foreach (var key in map.Keys().ToList())
            if (map.TryLookup(key, value))
                lines.Add($"{Convert.ToHexString(key)} = {Convert.ToHexString(value.AsSpan(pair.IgnoredValuePrefix))}");
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Differences between two snapshots, described for the report.</summary>
    public static IEnumerable<string> Compare(string name, List<string> ours, List<string> clang)
    {
        if (ours.Count != clang.Count)
            yield return $"map {name}: {ours.Count} entries ours, {clang.Count} clang";
        var clangSet = new HashSet<string>(clang);
        var oursSet = new HashSet<string>(ours);
        foreach (var line in ours.Where(line => !clangSet.Contains(line)).Take(5))
            yield return $"map {name}: only ours has {line}";
        foreach (var line in clang.Where(line => !oursSet.Contains(line)).Take(5))
            yield return $"map {name}: only clang has {line}";
        if (ours.Count == clang.Count && oursSet.SetEquals(clangSet) && !ours.SequenceEqual(clang))
            yield return $"map {name}: same records in another order";
    }
}

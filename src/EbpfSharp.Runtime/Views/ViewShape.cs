using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>
/// The checks every view and reader makes of the map it is given: the map type, and key and value sizes against the view's
/// type arguments, so a mismatch fails at construction with both shapes named rather than at the first lookup.
/// </summary>
internal static class ViewShape
{
    /// <summary>"MapView&lt;UInt32, Counter&gt;", for messages.</summary>
    public static string Name(string view, params Type[] typeArguments) =>
        typeArguments.Length == 0 ? view : $"{view}<{string.Join(", ", typeArguments.Select(type => type.Name))}>";

    /// <summary>Checks the map type.</summary>
    /// <exception cref="ArgumentNullException">The map is null.</exception>
    /// <exception cref="ArgumentException">The map is of another type; the message names the view that fits it.</exception>
    public static void CheckType(BpfMap map, string view, params ReadOnlySpan<BpfMapType> types)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (types.Contains(map.Type))
            return;
        string expected = types.Length == 1 ? types[0].ToString() : $"{string.Join(", ", types[..^1].ToArray())} or {types[^1]}";
        string hint = FittingView(map.Type) is { } fitting ? $"; use {fitting}" : "";
        throw new ArgumentException($"{view} works on {expected} maps, but {map.Label} is a {map.Type} map{hint}.", nameof(map));
    }

    /// <summary>Checks key and value sizes against sizeof of the view's types.</summary>
    /// <exception cref="ArgumentException">A size differs; the message gives both shapes.</exception>
    public static void CheckSizes(BpfMap map, string view, int keySize, Type? keyType, int valueSize, Type valueType)
    {
        if (map.KeySize == keySize && map.ValueSize == valueSize)
            return;
        string key = keyType is null ? "no keys" : $"{keySize}-byte keys (sizeof({keyType.Name}))";
        string value = $"{valueSize}-byte values (sizeof({valueType.Name}){(map.IsPerCpu ? " per CPU" : "")})";
        throw new ArgumentException(
            $"{view} needs {key} and {value}, but {map.Label} has {(map.KeySize == 0 ? "no keys" : $"{map.KeySize}-byte keys")} and {map.ValueSize}-byte values. "
            + "Declare the view with the types the program declares the map with.",
            nameof(map));
    }

    private static string? FittingView(BpfMapType type) => type switch
    {
        BpfMapType.Hash or BpfMapType.LruHash or BpfMapType.LpmTrie or BpfMapType.Array => "MapView<TKey, TValue>",
        BpfMapType.PerCpuHash or BpfMapType.PerCpuArray or BpfMapType.LruPerCpuHash => "PerCpuMapView<TKey, TValue>",
        BpfMapType.Queue or BpfMapType.Stack => "QueueView<T>",
        BpfMapType.BloomFilter => "BloomFilterView<T>",
        BpfMapType.ProgramArray => "ProgramArrayView",
        BpfMapType.StackTrace => "StackTraceView",
        BpfMapType.RingBuffer => "RingBufferReader<T>",
        BpfMapType.PerfEventArray => "PerfEventReader<T>",
        _ => null,
    };
}

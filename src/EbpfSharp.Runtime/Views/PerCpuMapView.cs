using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>
/// A typed view of a per-CPU hash, per-CPU array or LRU per-CPU hash map: each key holds one
/// <typeparamref name="TValue"/> per possible CPU, exchanged as a <c>TValue[]</c> of <see cref="CpuCount"/>
/// values indexed by CPU number. Every call goes to the kernel.
/// </summary>
/// <typeparam name="TKey">The key type, with the C layout (<c>uint</c> for arrays).</typeparam>
/// <typeparam name="TValue">One CPU's value, with the C layout.</typeparam>
/// <remarks>
/// Programs update their own CPU's value without atomics; sum the array for a total. Keys are written with their
/// padding zeroed, and the view does not own the map unless constructed with <c>ownsMap: true</c>.
/// </remarks>
public sealed class PerCpuMapView<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue[]>>, IDisposable
    where TKey : unmanaged
    where TValue : unmanaged
{
    private static readonly string ViewName = ViewShape.Name("PerCpuMapView", typeof(TKey), typeof(TValue));
    private readonly bool _ownsMap;

    /// <summary>Views <paramref name="map"/>.</summary>
    /// <param name="map">A PerCpuHash, PerCpuArray or LruPerCpuHash map with sizeof(TKey)-byte keys and sizeof(TValue)-byte values per CPU.</param>
    /// <param name="ownsMap">Whether <see cref="Dispose"/> also disposes the map.</param>
    /// <exception cref="ArgumentException">The map's type or sizes do not fit the view; the message gives both shapes.</exception>
    public PerCpuMapView(BpfMap map, bool ownsMap = false)
    {
        ViewShape.CheckType(map, ViewName, BpfMapType.PerCpuHash, BpfMapType.PerCpuArray, BpfMapType.LruPerCpuHash);
        ViewShape.CheckSizes(map, ViewName, Unsafe.SizeOf<TKey>(), typeof(TKey), Unsafe.SizeOf<TValue>(), typeof(TValue));
        Map = map;
        _ownsMap = ownsMap;
    }

    /// <summary>The underlying map.</summary>
    public BpfMap Map { get; }

    /// <summary>The number of values per key: the possible CPUs (<see cref="BpfMap.PossibleCpuCount"/>), not only the online ones.</summary>
    public int CpuCount => BpfMap.PossibleCpuCount;

    /// <summary>Every CPU's value under <paramref name="key"/>; setting stores them (<see cref="MapUpdateFlags.Any"/>).</summary>
    /// <exception cref="KeyNotFoundException">Getting a key that is absent.</exception>
    /// <exception cref="ArgumentException">Setting other than <see cref="CpuCount"/> values.</exception>
    public TValue[] this[TKey key]
    {
        get => TryGetValue(key, out var values) ? values : throw new KeyNotFoundException($"{Map.Label} has no entry for the key {key}.");
        set => Update(key, value);
    }

    /// <summary>The keys, walked live (see <see cref="MapView{TKey, TValue}.GetEnumerator"/>).</summary>
    public IEnumerable<TKey> Keys => Map.Keys<TKey>();

    /// <summary>The number of elements of a per-CPU array: always its <see cref="BpfMap.MaxEntries"/>.</summary>
    /// <exception cref="InvalidOperationException">The map is a hash map; use <see cref="CountEntries"/>, which walks it.</exception>
    public int Count => KeyedMapOperations.Count(Map, ViewName);

    /// <summary>Reads every CPU's value under <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="values"><see cref="CpuCount"/> values indexed by CPU, or an empty array when the key is absent.</param>
    /// <returns>False when the key is absent.</returns>
    public bool TryGetValue(TKey key, out TValue[] values)
    {
        Span<byte> keyBytes = stackalloc byte[Map.KeySize];
        KeyBytes<TKey>.Write(key, keyBytes);
        var buffer = new byte[Map.ValueBufferSize];
        if (!Map.TryLookup(keyBytes, buffer))
        {
            values = [];
            return false;
        }
        values = Split(buffer);
        return true;
    }

    /// <summary>Whether <paramref name="key"/> has an entry.</summary>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <summary>Stores one value per CPU under <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="values">Exactly <see cref="CpuCount"/> values, indexed by CPU.</param>
    /// <param name="flags">Create or replace, only create, or only replace.</param>
    /// <exception cref="ArgumentException">Not <see cref="CpuCount"/> values.</exception>
    public void Update(TKey key, TValue[] values, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != CpuCount)
            throw new ArgumentException($"{Map.Label} holds one value per possible CPU: pass {CpuCount} values, not {values.Length}.", nameof(values));
        Store(key, values, flags);
    }

    /// <summary>Stores the same <paramref name="value"/> for every CPU under <paramref name="key"/> (for example to reset a counter).</summary>
    public void UpdateAll(TKey key, TValue value, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        var values = new TValue[CpuCount];
        Array.Fill(values, value);
        Store(key, values, flags);
    }

    /// <summary>Removes <paramref name="key"/> (every CPU's value).</summary>
    /// <returns>False when the key was absent.</returns>
    /// <exception cref="InvalidOperationException">The map is an array, whose elements always exist.</exception>
    public bool Remove(TKey key) => KeyedMapOperations.Remove(Map, key, ViewName);

    /// <summary>Reads every entry into a new dictionary, in batches where the map type has them (see <see cref="MapView{TKey, TValue}.GetAll"/>).</summary>
    public Dictionary<TKey, TValue[]> GetAll()
    {
        var entries = KeyedMapOperations.ReadAll(Map);
        var all = new Dictionary<TKey, TValue[]>(entries.Count);
        foreach (var (key, value) in entries)
            all[MemoryMarshal.Read<TKey>(key)] = Split(value);
        return all;
    }

    /// <summary>Counts the entries by walking the map (O(n)); per-CPU arrays answer <see cref="BpfMap.MaxEntries"/>.</summary>
    public int CountEntries() => KeyedMapOperations.CountEntries(Map);

    /// <summary>Removes every entry of a hash map; zeroes every CPU's value of every array element.</summary>
    public void Clear() => KeyedMapOperations.Clear(Map);

    /// <summary>Walks the entries live, one lookup per key (see <see cref="MapView{TKey, TValue}.GetEnumerator"/>).</summary>
    public IEnumerator<KeyValuePair<TKey, TValue[]>> GetEnumerator()
    {
        foreach (var (key, value) in Map.Entries())
            yield return new KeyValuePair<TKey, TValue[]>(MemoryMarshal.Read<TKey>(key), Split(value));
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Disposes the map if the view owns it; otherwise does nothing.</summary>
    public void Dispose()
    {
        if (_ownsMap)
            Map.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{ViewName} over {Map}";

    private void Store(TKey key, TValue[] values, MapUpdateFlags flags)
    {
        Span<byte> keyBytes = stackalloc byte[Map.KeySize];
        KeyBytes<TKey>.Write(key, keyBytes);
        var buffer = new byte[Map.ValueBufferSize];
        int slot = Map.ValueBufferSize / CpuCount;
        for (int cpu = 0; cpu < values.Length; cpu++)
            MemoryMarshal.Write(buffer.AsSpan(cpu * slot), in values[cpu]);
        Map.Update(keyBytes, buffer, flags);
    }

    /// <summary>One value per CPU out of a value buffer, where CPU i's value starts at i × RoundUp(ValueSize, 8).</summary>
    private TValue[] Split(ReadOnlySpan<byte> buffer)
    {
        var values = new TValue[CpuCount];
        int slot = buffer.Length / CpuCount;
        for (int cpu = 0; cpu < values.Length; cpu++)
            values[cpu] = MemoryMarshal.Read<TValue>(buffer.Slice(cpu * slot, Map.ValueSize));
        return values;
    }
}

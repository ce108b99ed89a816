using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>
/// A typed, dictionary-like view of a hash, LRU hash, LPM trie or array map in the kernel, with
/// <typeparamref name="TKey"/> and <typeparamref name="TValue"/> the structs the program declares it with
/// (<c>uint</c> keys for arrays). Every call goes to the kernel; nothing is cached.
/// </summary>
/// <typeparam name="TKey">The key type, with the C layout (for an LPM trie, the u32 prefix length first).</typeparam>
/// <typeparam name="TValue">The value type, with the C layout.</typeparam>
/// <remarks>
/// <para>
/// The kernel compares keys byte by byte, padding included; the view writes keys with their padding bytes
/// zeroed, as EbpfSharp programs do.
/// </para>
/// <para>
/// The view does not own the map (its <see cref="BpfObject"/> does) unless constructed with <c>ownsMap: true</c>.
/// </para>
/// </remarks>
public sealed class MapView<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>, IDisposable
    where TKey : unmanaged
    where TValue : unmanaged
{
    private static readonly string ViewName = ViewShape.Name("MapView", typeof(TKey), typeof(TValue));
    private readonly bool _ownsMap;

    /// <summary>Views <paramref name="map"/>.</summary>
    /// <param name="map">A Hash, LruHash, LpmTrie or Array map with sizeof(TKey)-byte keys and sizeof(TValue)-byte values.</param>
    /// <param name="ownsMap">Whether <see cref="Dispose"/> also disposes the map.</param>
    /// <exception cref="ArgumentException">The map's type or sizes do not fit the view; the message gives both shapes.</exception>
    public MapView(BpfMap map, bool ownsMap = false)
    {
        ViewShape.CheckType(map, ViewName, BpfMapType.Hash, BpfMapType.LruHash, BpfMapType.LpmTrie, BpfMapType.Array);
        ViewShape.CheckSizes(map, ViewName, Unsafe.SizeOf<TKey>(), typeof(TKey), Unsafe.SizeOf<TValue>(), typeof(TValue));
        Map = map;
        _ownsMap = ownsMap;
    }

    /// <summary>The underlying map.</summary>
    public BpfMap Map { get; }

    /// <summary>
    /// The value stored under <paramref name="key"/>; setting stores it (<see cref="MapUpdateFlags.Any"/>: create or replace).
    /// For an LPM trie, getting finds the longest prefix that matches.
    /// </summary>
    /// <exception cref="KeyNotFoundException">Getting a key that is absent.</exception>
    /// <exception cref="BpfLimitException">Setting a new key in a full hash map, or an index past the end of an array.</exception>
    public TValue this[TKey key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"{Map.Label} has no entry for the key {key}.");
        set => Update(key, value);
    }

    /// <summary>The keys, walked live (see <see cref="GetEnumerator"/>).</summary>
    public IEnumerable<TKey> Keys => Map.Keys<TKey>();

    /// <summary>The number of elements of an array map: always its <see cref="BpfMap.MaxEntries"/>.</summary>
    /// <exception cref="InvalidOperationException">
    /// The map is not an array: the kernel keeps no count of hash map entries, so use <see cref="CountEntries"/>, which walks the map.
    /// </exception>
    public int Count => KeyedMapOperations.Count(Map, ViewName);

    /// <summary>Reads the value stored under <paramref name="key"/> (for an LPM trie, under its longest matching prefix).</summary>
    /// <returns>False (and a default <paramref name="value"/>) when the key is absent.</returns>
    public bool TryGetValue(TKey key, out TValue value)
    {
        Span<byte> keyBytes = stackalloc byte[Map.KeySize];
        KeyBytes<TKey>.Write(key, keyBytes);
        value = default;
        return Map.TryLookup(keyBytes, MemoryMarshal.AsBytes(new Span<TValue>(ref value)));
    }

    /// <summary>Whether <paramref name="key"/> has an entry (for an LPM trie, whether any prefix matches).</summary>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="flags">Create or replace (<see cref="MapUpdateFlags.Any"/>), only create (<see cref="MapUpdateFlags.NoExist"/>) or only replace (<see cref="MapUpdateFlags.Exist"/>).</param>
    /// <exception cref="BpfConflictException">NoExist and the key exists.</exception>
    /// <exception cref="BpfNotFoundException">Exist and the key is absent.</exception>
    /// <exception cref="BpfLimitException">The hash map is full, or the array index is past the end.</exception>
    public void Update(TKey key, TValue value, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        Span<byte> keyBytes = stackalloc byte[Map.KeySize];
        KeyBytes<TKey>.Write(key, keyBytes);
        Map.Update(keyBytes, MemoryMarshal.AsBytes(new ReadOnlySpan<TValue>(in value)), flags);
    }

    /// <summary>Removes <paramref name="key"/>.</summary>
    /// <returns>False when the key was absent.</returns>
    /// <exception cref="InvalidOperationException">The map is an array, whose elements always exist.</exception>
    public bool Remove(TKey key) => KeyedMapOperations.Remove(Map, key, ViewName);

    /// <summary>
    /// Reads every entry into a new dictionary: in batches (BPF_MAP_LOOKUP_BATCH) where the map type has them,
    /// which reads hash maps bucket by bucket without meeting a key twice; by walking the keys otherwise (LPM tries).
    /// </summary>
    public Dictionary<TKey, TValue> GetAll()
    {
        var all = new Dictionary<TKey, TValue>();
        try
        {
            // Straight from the batch buffers into the dictionary, grown once per batch: no array per entry, no rehash.
            Map.ReadAll(Interop.BpfCommand.MapLookupBatch, ref all, static (keys, values, ref dictionary) =>
            {
                var typedKeys = MemoryMarshal.Cast<byte, TKey>(keys);
                var typedValues = MemoryMarshal.Cast<byte, TValue>(values);
                dictionary.EnsureCapacity(dictionary.Count + typedKeys.Length);
                for (int i = 0; i < typedKeys.Length; i++)
                    dictionary[typedKeys[i]] = typedValues[i];
            });
            return all;
        }
        catch (BpfNotSupportedException)
        {
            all.Clear();
        }
        foreach (var (key, value) in KeyedMapOperations.ReadAll(Map))
            all[MemoryMarshal.Read<TKey>(key)] = MemoryMarshal.Read<TValue>(value);
        return all;
    }

    /// <summary>Stores many entries (create or replace), in one BPF_MAP_UPDATE_BATCH call where the map type has batches.</summary>
    /// <exception cref="BpfException">The kernel stopped at an entry (a full map, an index past the end).</exception>
    public void UpdateBatch(IEnumerable<KeyValuePair<TKey, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries as IReadOnlyCollection<KeyValuePair<TKey, TValue>> ?? entries.ToList();
        var keys = new byte[list.Count * Map.KeySize];
        var values = new byte[list.Count * Map.ValueSize];
        int i = 0;
        foreach (var (key, value) in list)
        {
            KeyBytes<TKey>.Write(key, keys.AsSpan(i * Map.KeySize, Map.KeySize));
            MemoryMarshal.Write(values.AsSpan(i * Map.ValueSize), in value);
            i++;
        }
        KeyedMapOperations.UpdatePacked(Map, keys, values);
    }

    /// <summary>Removes many keys, in batches where the map type has them; absent keys are skipped.</summary>
    /// <returns>How many keys were removed.</returns>
    /// <exception cref="InvalidOperationException">The map is an array.</exception>
    public int RemoveBatch(IEnumerable<TKey> keys) => KeyedMapOperations.RemoveBatch(Map, keys, ViewName);

    /// <summary>Counts the entries by walking the map: O(n) bpf() calls for hash maps and LPM tries; arrays answer <see cref="BpfMap.MaxEntries"/>.</summary>
    /// <remarks>Programs may add or remove entries meanwhile, so the count is a moment's, not a snapshot's.</remarks>
    public int CountEntries() => KeyedMapOperations.CountEntries(Map);

    /// <summary>Removes every entry of a hash map or LPM trie; zeroes every element of an array.</summary>
    /// <remarks>Entries programs add while it runs may stay.</remarks>
    public void Clear() => KeyedMapOperations.Clear(Map);

    /// <summary>
    /// Walks the entries live with BPF_MAP_GET_NEXT_KEY, one lookup per key (see <see cref="BpfMap.Keys()"/>): removing
    /// the entry just returned is safe; concurrent removals of others can make a hash map's walk restart, repeating keys.
    /// <see cref="GetAll"/> reads a consistent batch instead.
    /// </summary>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        foreach (var (key, value) in Map.Entries<TKey, TValue>())
            yield return new KeyValuePair<TKey, TValue>(key, value);
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
}

using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime;

// Walking a map with BPF_MAP_GET_NEXT_KEY. The walk fetches the next key before handing out the current
// one, so deleting the key just returned (the usual "drain" loop) does not disturb it.
public sealed partial class BpfMap
{
    /// <summary>Enumerates the map's keys, each in a new array, one bpf() call per key.</summary>
    /// <remarks>
    /// The walk is live, not a snapshot. Deleting the key just returned is safe. If another key the walk has
    /// already looked ahead to is deleted meanwhile, hash maps and LPM tries restart from their first key (the
    /// kernel's behaviour for a missing key), so keys may repeat. <see cref="LookupAll()"/> reads hash maps
    /// bucket by bucket and never restarts.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The map has no keys (queue, stack, bloom filter).</exception>
    public IEnumerable<byte[]> Keys()
    {
        CheckHasKeys(nameof(Keys));
        return WalkKeys();
    }

    /// <summary>Enumerates the keys as <typeparamref name="TKey"/>; see <see cref="Keys()"/>.</summary>
    /// <exception cref="ArgumentException">sizeof(TKey) differs from the map's key size.</exception>
    public IEnumerable<TKey> Keys<TKey>() where TKey : unmanaged
    {
        CheckKeyType<TKey>();
        return Keys().Select(key => MemoryMarshal.Read<TKey>(key));
    }

    /// <summary>Enumerates keys and their values, skipping keys deleted between the two calls; see <see cref="Keys()"/>.</summary>
    /// <remarks>Values have <see cref="ValueBufferSize"/> bytes (one slot per CPU for per-CPU maps).</remarks>
    public IEnumerable<(byte[] Key, byte[] Value)> Entries()
    {
        CheckHasKeys(nameof(Entries));
        return WalkEntries();
    }

    /// <summary>Enumerates keys and values as unmanaged structs; see <see cref="Entries()"/>.</summary>
    /// <exception cref="ArgumentException">A type's size differs from the map's, or the map is per-CPU.</exception>
    public IEnumerable<(TKey Key, TValue Value)> Entries<TKey, TValue>() where TKey : unmanaged where TValue : unmanaged
    {
        CheckKeyType<TKey>();
        CheckValueType<TValue>();
        return WalkEntries().Select(entry => (MemoryMarshal.Read<TKey>(entry.Key), MemoryMarshal.Read<TValue>(entry.Value)));
    }

    private IEnumerable<byte[]> WalkKeys()
    {
        var current = new byte[KeySize];
        if (!TryGetNextKey(ReadOnlySpan<byte>.Empty, current))
            yield break;
        while (true)
        {
            var next = new byte[KeySize];
            bool more = TryGetNextKey(current, next);
            yield return current;
            if (!more)
                yield break;
            current = next;
        }
    }

    private IEnumerable<(byte[] Key, byte[] Value)> WalkEntries()
    {
        foreach (var key in WalkKeys())
        {
            var value = new byte[ValueBufferSize];
            if (TryLookup(key, value))
                yield return (key, value);
        }
    }
}

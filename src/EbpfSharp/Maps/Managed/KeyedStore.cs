namespace EbpfSharp.Maps.Managed;

/// <summary>The managed contents behind a <see cref="KeyedMap{TKey, TValue}"/>: a hash table or a prefix trie.</summary>
internal abstract unsafe class KeyedStore
{
    /// <summary><c>bpf_map_lookup_elem</c>: the value (this CPU's, for per-CPU maps), or null.</summary>
    public abstract void* Lookup(void* key);

    /// <summary><c>bpf_map_update_elem</c> as a program calls it: 0 or a negative errno.</summary>
    public abstract long Update(void* key, void* value, ulong flags);

    /// <summary><c>bpf_map_delete_elem</c>: 0 or a negative errno.</summary>
    public abstract long Delete(void* key);

    /// <summary>Every key with its value as the host reads them, sorted by key bytes.</summary>
    public abstract IReadOnlyList<(byte[] Key, byte[] Value)> Contents();

    /// <summary>Removes every element.</summary>
    public abstract void Clear();

    /// <summary>Sorts entries by key bytes.</summary>
    protected static IReadOnlyList<(byte[] Key, byte[] Value)> Sorted(List<(byte[] Key, byte[] Value)> entries)
    {
        entries.Sort((x, y) => ByteKeyComparer.Order(x.Key, y.Key));
        return entries;
    }
}

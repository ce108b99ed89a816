namespace EbpfSharp;

/// <summary>
/// A longest-prefix-match trie (<c>BPF_MAP_TYPE_LPM_TRIE</c>), for routes and address ranges. The key type
/// <typeparamref name="TKey"/> must start with a <see cref="uint"/> prefix length in bits, followed by the data
/// in network byte order (<c>struct bpf_lpm_trie_key_u8</c>), for example
/// <c>struct Ipv4Prefix { public uint PrefixLength; public uint Address; }</c>. A lookup with a full-length key
/// finds the stored entry with the longest prefix that matches it.
/// </summary>
[MapKind(MapKind.LpmTrie)]
public sealed unsafe class LpmTrie<TKey, TValue> : KeyedMap<TKey, TValue>
    where TKey : unmanaged
    where TValue : unmanaged
{
    /// <summary>Declares the trie. The kernel requires <see cref="MapFlags.NoPreallocate"/>, which is always added.</summary>
    /// <param name="maxEntries">Capacity.</param>
    /// <param name="flags">Creation flags.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public LpmTrie(int maxEntries, MapFlags flags = MapFlags.NoPreallocate, bool pinned = false)
        : base(MapKind.LpmTrie, maxEntries, flags | MapFlags.NoPreallocate, pinned)
    {
        if (sizeof(TKey) <= sizeof(uint))
            throw new ArgumentException($"An LPM trie key starts with a uint prefix length followed by data; {typeof(TKey).Name} is only {sizeof(TKey)} bytes.");
    }
}

using System.Buffers.Binary;
using static EbpfSharp.Tests.Maps.MapCalls;

namespace EbpfSharp.Tests.Maps;

public unsafe class LpmTrieTests
{
    private struct Ipv4Prefix
    {
        public uint PrefixLength;
        public uint Address;   // network order

        public Ipv4Prefix(int prefixLength, byte a, byte b, byte c, byte d)
        {
            PrefixLength = (uint)prefixLength;
            Address = BinaryPrimitives.ReadUInt32LittleEndian([a, b, c, d]);
        }
    }

    private static LpmTrie<Ipv4Prefix, uint> Routes()
    {
        var trie = new LpmTrie<Ipv4Prefix, uint>(maxEntries: 8);
        trie.Update(new(8, 10, 0, 0, 0), 1);
        trie.Update(new(16, 10, 1, 0, 0), 2);
        trie.Update(new(24, 10, 1, 2, 0), 3);
        return trie;
    }

    private static uint? Find(LpmTrie<Ipv4Prefix, uint> trie, Ipv4Prefix key)
    {
        uint* value = trie.Lookup(key);
        return value == null ? null : *value;
    }

    [Fact]
    public void Lookup_finds_the_longest_matching_prefix()
    {
        var trie = Routes();

        Assert.Equal(3u, Find(trie, new(32, 10, 1, 2, 3)));
        Assert.Equal(2u, Find(trie, new(32, 10, 1, 9, 9)));
        Assert.Equal(1u, Find(trie, new(32, 10, 9, 9, 9)));
        Assert.Null(Find(trie, new(32, 11, 1, 2, 3)));
    }

    [Fact]
    public void The_keys_prefix_length_bounds_the_match()
    {
        var trie = Routes();

        Assert.Equal(2u, Find(trie, new(16, 10, 1, 2, 3)));
        Assert.Equal(2u, Find(trie, new(23, 10, 1, 2, 3)));
        Assert.Null(Find(trie, new(7, 10, 1, 2, 3)));
        Assert.Null(Find(trie, new(33, 10, 1, 2, 3)));   // longer than the data: no match at all
    }

    [Fact]
    public void Prefixes_match_bit_by_bit_from_the_first_bytes_top_bit()
    {
        var trie = new LpmTrie<Ipv4Prefix, uint>(maxEntries: 4);
        trie.Update(new(9, 10, 0x80, 0, 0), 9);   // 10.128.0.0/9

        Assert.Equal(9u, Find(trie, new(32, 10, 0xFF, 1, 1)));
        Assert.Null(Find(trie, new(32, 10, 0x7F, 1, 1)));
    }

    [Fact]
    public void A_zero_length_prefix_matches_everything()
    {
        var trie = Routes();
        trie.Update(new(0, 0, 0, 0, 0), 100);

        Assert.Equal(100u, Find(trie, new(32, 192, 168, 0, 1)));
        Assert.Equal(100u, Find(trie, new(0, 10, 1, 2, 3)));
        Assert.Equal(3u, Find(trie, new(32, 10, 1, 2, 3)));
    }

    [Fact]
    public void Update_checks_flags_prefix_length_and_capacity()
    {
        var trie = new LpmTrie<Ipv4Prefix, uint>(maxEntries: 2);

        Assert.Equal(EINVAL, trie.CallUpdate(new Ipv4Prefix(33, 10, 0, 0, 0), 1u));
        Assert.Equal(EINVAL, trie.CallUpdate(new Ipv4Prefix(8, 10, 0, 0, 0), 1u, (ulong)MapUpdateFlags.Lock));
        Assert.Equal(ENOENT, trie.CallUpdate(new Ipv4Prefix(8, 10, 0, 0, 0), 1u, (ulong)MapUpdateFlags.Exist));
        Assert.Equal(0, trie.CallUpdate(new Ipv4Prefix(8, 10, 0, 0, 0), 1u, (ulong)MapUpdateFlags.NoExist));
        Assert.Equal(EEXIST, trie.CallUpdate(new Ipv4Prefix(8, 10, 0, 0, 0), 1u, (ulong)MapUpdateFlags.NoExist));
        Assert.Equal(0, trie.CallUpdate(new Ipv4Prefix(16, 10, 1, 0, 0), 2u));
        Assert.Equal(ENOSPC, trie.CallUpdate(new Ipv4Prefix(24, 10, 1, 2, 0), 3u));
        Assert.Equal(0, trie.CallUpdate(new Ipv4Prefix(16, 10, 1, 0, 0), 4u, (ulong)MapUpdateFlags.Exist));   // full, but a replacement
        Assert.Equal(4u, Find(trie, new(32, 10, 1, 2, 3)));
    }

    [Fact]
    public void Bits_past_the_prefix_are_kept_as_given_but_ignored_for_matching()
    {
        var trie = new LpmTrie<Ipv4Prefix, uint>(maxEntries: 4);
        trie.Update(new(16, 10, 1, 2, 3), 1);

        Assert.Equal([16, 0, 0, 0, 10, 1, 2, 3], Assert.Single(trie.ContentBytes()).Key);
        Assert.Equal(EEXIST, trie.CallUpdate(new Ipv4Prefix(16, 10, 1, 7, 7), 2u, (ulong)MapUpdateFlags.NoExist));

        trie.Update(new(16, 10, 1, 9, 9), 2);   // the same entry: it takes the new key's bytes

        Assert.Equal([16, 0, 0, 0, 10, 1, 9, 9], Assert.Single(trie.ContentBytes()).Key);
        Assert.Equal(0, trie.CallDelete(new Ipv4Prefix(16, 10, 1, 0, 0)));
        Assert.Empty(trie.ContentBytes());
    }

    [Fact]
    public void Delete_needs_the_exact_prefix()
    {
        var trie = Routes();

        Assert.Equal(ENOENT, trie.CallDelete(new Ipv4Prefix(17, 10, 1, 0, 0)));
        Assert.Equal(ENOENT, trie.CallDelete(new Ipv4Prefix(16, 10, 2, 0, 0)));
        Assert.Equal(EINVAL, trie.CallDelete(new Ipv4Prefix(33, 10, 1, 0, 0)));
        Assert.Equal(0, trie.CallDelete(new Ipv4Prefix(16, 10, 1, 0, 0)));
        Assert.Equal(1u, Find(trie, new(32, 10, 1, 9, 9)));
        Assert.Equal(3u, Find(trie, new(32, 10, 1, 2, 9)));
    }

    [Fact]
    public void ContentBytes_lists_prefix_length_then_data_sorted_by_bytes()
    {
        var trie = Routes();

        var keys = trie.ContentBytes().Select(entry => entry.Key).ToArray();

        Assert.Equal(
            [[8, 0, 0, 0, 10, 0, 0, 0], [16, 0, 0, 0, 10, 1, 0, 0], [24, 0, 0, 0, 10, 1, 2, 0]],
            keys);
    }

    [Fact]
    public void Clear_empties_the_trie()
    {
        var trie = Routes();

        trie.Clear();

        Assert.Empty(trie.ContentBytes());
        Assert.Null(Find(trie, new(32, 10, 1, 2, 3)));
    }
}

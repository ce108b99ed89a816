using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class LpmTrieTests
{
    private static BpfMap CreateTrie() =>
        BpfMap.Create(new MapDefinition("routes", BpfMapType.LpmTrie, 8, 4, 16, BpfMapFlags.NoPrealloc));

    [KernelFact]
    public void Lookup_finds_the_longest_matching_prefix()
    {
        using var trie = CreateTrie();
        trie.Update(new Ipv4Prefix(8, 10, 0, 0, 0), 8);
        trie.Update(new Ipv4Prefix(24, 10, 1, 2, 0), 24);

        Assert.True(trie.TryLookup(new Ipv4Prefix(32, 10, 1, 2, 3), out int route));
        Assert.Equal(24, route);
        Assert.True(trie.TryLookup(new Ipv4Prefix(32, 10, 9, 9, 9), out route));
        Assert.Equal(8, route);
        Assert.False(trie.TryLookup(new Ipv4Prefix(32, 192, 168, 0, 1), out route));
    }

    [KernelFact]
    public void Deleting_a_prefix_falls_back_to_the_shorter_one()
    {
        using var trie = CreateTrie();
        trie.Update(new Ipv4Prefix(8, 10, 0, 0, 0), 8);
        trie.Update(new Ipv4Prefix(24, 10, 1, 2, 0), 24);

        Assert.True(trie.Delete(new Ipv4Prefix(24, 10, 1, 2, 0)));

        Assert.True(trie.TryLookup(new Ipv4Prefix(32, 10, 1, 2, 3), out int route));
        Assert.Equal(8, route);
        Assert.False(trie.Delete(new Ipv4Prefix(24, 10, 1, 2, 0)));
    }

    [KernelFact]
    public void Keys_enumerates_every_prefix()
    {
        using var trie = CreateTrie();
        trie.Update(new Ipv4Prefix(8, 10, 0, 0, 0), 8);
        trie.Update(new Ipv4Prefix(16, 10, 1, 0, 0), 16);
        trie.Update(new Ipv4Prefix(24, 10, 1, 2, 0), 24);

        var lengths = trie.Entries<Ipv4Prefix, int>().Select(entry => (int)entry.Key.PrefixLength).Order();

        Assert.Equal([8, 16, 24], lengths);
    }
}

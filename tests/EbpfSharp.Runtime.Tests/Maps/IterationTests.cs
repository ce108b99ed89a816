using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class IterationTests
{
    [KernelFact]
    public void Keys_of_a_thousand_entry_hash_returns_each_key_exactly_once()
    {
        using var map = BpfMap.Create(new MapDefinition("iterate", BpfMapType.Hash, 4, 4, 1000));
        for (int key = 0; key < 1000; key++)
            map.Update(key, key * 2);

        var keys = map.Keys<int>().ToList();

        Assert.Equal(1000, keys.Count);
        Assert.Equal(Enumerable.Range(0, 1000), keys.Order());
    }

    [KernelFact]
    public void Entries_pairs_each_key_with_its_value()
    {
        using var map = BpfMap.Create(new MapDefinition("entries", BpfMapType.Hash, 4, 4, 100));
        for (int key = 0; key < 100; key++)
            map.Update(key, key * 2);

        var entries = map.Entries<int, int>().ToList();

        Assert.Equal(100, entries.Count);
        Assert.All(entries, entry => Assert.Equal(entry.Key * 2, entry.Value));
    }

    [KernelFact]
    public void Deleting_each_key_as_it_is_returned_visits_every_key_once()
    {
        using var map = BpfMap.Create(new MapDefinition("drain", BpfMapType.Hash, 4, 4, 500));
        for (int key = 0; key < 500; key++)
            map.Update(key, key);

        var visited = new List<int>();
        foreach (var key in map.Keys())
        {
            visited.Add(BitConverter.ToInt32(key));
            Assert.True(map.Delete(key));
        }

        Assert.Equal(Enumerable.Range(0, 500), visited.Order());
        Assert.Empty(map.Keys());
    }

    [KernelFact]
    public void Keys_of_an_array_are_its_indexes_in_order()
    {
        using var map = BpfMap.Create(new MapDefinition("array_keys", BpfMapType.Array, 4, 4, 5));

        Assert.Equal([0, 1, 2, 3, 4], map.Keys<int>());
    }

    [KernelFact]
    public void Byte_keys_are_fresh_arrays_that_stay_valid()
    {
        using var map = BpfMap.Create(new MapDefinition("byte_keys", BpfMapType.Hash, 4, 4, 8));
        map.Update(1, 1);
        map.Update(2, 2);

        var keys = map.Keys().ToList();

        Assert.Equal(2, keys.Count);
        Assert.NotSame(keys[0], keys[1]);
        Assert.Equal([1, 2], keys.Select(key => BitConverter.ToInt32(key)).Order());
    }
}

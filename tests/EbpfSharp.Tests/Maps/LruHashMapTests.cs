using static EbpfSharp.Tests.Maps.MapCalls;

namespace EbpfSharp.Tests.Maps;

public unsafe class LruHashMapTests
{
    private static uint[] Keys(ProgramMap map) => map.ContentBytes().Select(entry => BitConverter.ToUInt32(entry.Key)).Order().ToArray();

    [Fact]
    public void A_new_key_in_a_full_map_evicts_the_least_recently_used()
    {
        var map = new LruHashMap<uint, ulong>(maxEntries: 3);
        map.Update(1, 10);
        map.Update(2, 20);
        map.Update(3, 30);

        Assert.Equal(0, map.CallUpdate(4u, 40ul));

        Assert.Equal([2u, 3u, 4u], Keys(map));
    }

    [Fact]
    public void Lookups_and_updates_make_a_key_recently_used()
    {
        var map = new LruHashMap<uint, ulong>(maxEntries: 3);
        map.Update(1, 10);
        map.Update(2, 20);
        map.Update(3, 30);
        Assert.True(map.Lookup(1) != null);
        map.Update(2, 21);

        map.Update(4, 40);

        Assert.Equal([1u, 2u, 4u], Keys(map));
    }

    [Fact]
    public void Replacing_a_key_in_a_full_map_evicts_nothing()
    {
        var map = new LruHashMap<uint, ulong>(maxEntries: 2);
        map.Update(1, 10);
        map.Update(2, 20);

        Assert.Equal(0, map.CallUpdate(1u, 11ul, (ulong)MapUpdateFlags.Exist));
        Assert.Equal(EEXIST, map.CallUpdate(2u, 22ul, (ulong)MapUpdateFlags.NoExist));

        Assert.Equal([1u, 2u], Keys(map));
        Assert.Equal(11ul, *map.Lookup(1));
    }

    [Fact]
    public void Flags_and_deletes_follow_the_hash_map()
    {
        var map = new LruHashMap<uint, ulong>(maxEntries: 2);

        Assert.Equal(ENOENT, map.CallUpdate(1u, 1ul, (ulong)MapUpdateFlags.Exist));
        Assert.Equal(EINVAL, map.CallUpdate(1u, 1ul, (ulong)MapUpdateFlags.Lock));
        Assert.Equal(ENOENT, map.CallDelete<uint, ulong>(1));
        map.Update(1, 1);
        Assert.Equal(0, map.CallDelete<uint, ulong>(1));
        Assert.Empty(map.ContentBytes());
    }

    [Fact]
    public void The_per_CPU_form_evicts_too_and_keeps_values_per_CPU()
    {
        var map = new LruPerCpuHashMap<uint, uint>(maxEntries: 2);
        using (PinTo(0))
        {
            map.Update(1, 10);
            map.Update(2, 20);
            map.Lookup(1);
            map.Update(3, 30);
        }

        Assert.Equal([1u, 3u], Keys(map));
        var value = map.ContentBytes().Single(entry => BitConverter.ToUInt32(entry.Key) == 3).Value;
        Assert.Equal(8 * ProgramMap.PossibleCpuCount, value.Length);
        Assert.Equal(30u, BitConverter.ToUInt32(value));
        Assert.All(value.Skip(4), b => Assert.Equal(0, b));
    }
}

using static EbpfSharp.Tests.Maps.MapCalls;

namespace EbpfSharp.Tests.Maps;

public unsafe class ArrayMapTests
{
    [Fact]
    public void Every_index_exists_from_the_start_and_is_zero()
    {
        var map = new ArrayMap<ulong>(maxEntries: 3);

        Assert.Equal(0ul, *map.Lookup(2));
        Assert.Equal([Key(0), Key(1), Key(2)], map.ContentBytes().Select(entry => entry.Key));
        Assert.All(map.ContentBytes(), entry => Assert.Equal(new byte[8], entry.Value));
    }

    [Fact]
    public void Lookup_past_the_end_returns_null()
    {
        var map = new ArrayMap<ulong>(maxEntries: 3);

        Assert.True(map.Lookup(3) == null);
        Assert.True(map.Lookup(uint.MaxValue) == null);
    }

    [Fact]
    public void Update_follows_the_kernels_checks_in_order()
    {
        var map = new ArrayMap<ulong>(maxEntries: 3);

        Assert.Equal(E2BIG, map.CallUpdate(3, 1ul));
        Assert.Equal(E2BIG, map.CallUpdate(3, 1ul, (ulong)MapUpdateFlags.NoExist));   // the index first
        Assert.Equal(EEXIST, map.CallUpdate(0, 1ul, (ulong)MapUpdateFlags.NoExist));   // elements always exist
        Assert.Equal(EINVAL, map.CallUpdate(0, 1ul, 3));
        Assert.Equal(EEXIST, map.CallUpdate(0, 1ul, (ulong)(MapUpdateFlags.NoExist | MapUpdateFlags.Lock)));
        Assert.Equal(EINVAL, map.CallUpdate(0, 1ul, (ulong)MapUpdateFlags.Lock));  // no bpf_spin_lock in the value
        Assert.Equal(0, map.CallUpdate(0, 1ul, (ulong)MapUpdateFlags.Exist));
        Assert.Equal(1ul, *map.Lookup(0));
    }

    [Fact]
    public void Updates_write_in_place_so_earlier_pointers_see_them()
    {
        var map = new ArrayMap<ulong>(maxEntries: 2);
        ulong* value = map.Lookup(1);

        map.Update(1, 42);

        Assert.Equal(42ul, *value);
    }

    [Fact]
    public void ContentBytes_lists_indexes_in_order_with_value_size_bytes()
    {
        var map = new ArrayMap<ushort>(maxEntries: 300);
        map.Update(256, 0x0201);
        map.Update(1, 0x0403);

        var contents = map.ContentBytes();

        Assert.Equal(300, contents.Count);
        Assert.Equal(Key(256), contents[256].Key);
        Assert.Equal([0x01, 0x02], contents[256].Value);
        Assert.Equal([0x03, 0x04], contents[1].Value);
    }

    [Fact]
    public void Values_are_8_byte_aligned_for_atomics()
    {
        var map = new ArrayMap<uint>(maxEntries: 3);

        Assert.Equal(0, (long)map.Lookup(1) % 8);
        Assert.Equal(8, (long)map.Lookup(1) - (long)map.Lookup(0));
    }

    [Fact]
    public void Clear_sets_every_value_back_to_zero()
    {
        var map = new ArrayMap<ulong>(maxEntries: 2);
        map.Update(1, 5);

        map.Clear();

        Assert.Equal(0ul, *map.Lookup(1));
        Assert.Equal(2, map.ContentBytes().Count);
    }

    [Fact]
    public void Per_CPU_arrays_give_each_CPU_its_own_zeroed_values()
    {
        var map = new PerCpuArrayMap<uint>(maxEntries: 2);

        using (PinTo(0))
            map.Update(1, 7);

        var value = map.ContentBytes()[1].Value;
        Assert.Equal(8 * ProgramMap.PossibleCpuCount, value.Length);
        Assert.Equal(7u, BitConverter.ToUInt32(value));
        Assert.All(value.Skip(4), b => Assert.Equal(0, b));
        Assert.Equal(new byte[8 * ProgramMap.PossibleCpuCount], map.ContentBytes()[0].Value);
    }

    [TwoCpuFact]
    public void Per_CPU_array_updates_write_only_this_CPUs_value()
    {
        var map = new PerCpuArrayMap<uint>(maxEntries: 2);

        using (PinTo(0))
            map.Update(0, 7);
        using (PinTo(1))
        {
            map.Update(0, 9);
            *map.Lookup(0) += 1;
            Assert.Equal(10u, *map.Lookup(0));
        }

        using (PinTo(0))
            Assert.Equal(7u, *map.Lookup(0));
        var value = map.ContentBytes()[0].Value;
        Assert.Equal(7u, BitConverter.ToUInt32(value, 0));
        Assert.Equal(10u, BitConverter.ToUInt32(value, 8));
    }

    [Fact]
    public void Per_CPU_arrays_check_updates_like_arrays()
    {
        var map = new PerCpuArrayMap<uint>(maxEntries: 2);

        Assert.Equal(E2BIG, map.CallUpdate(2, 1u));
        Assert.Equal(EEXIST, map.CallUpdate(0, 1u, (ulong)MapUpdateFlags.NoExist));
        Assert.True(map.Lookup(2) == null);
    }
}

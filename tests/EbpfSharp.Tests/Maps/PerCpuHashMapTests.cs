using static EbpfSharp.Tests.Maps.MapCalls;

namespace EbpfSharp.Tests.Maps;

public unsafe class PerCpuHashMapTests
{
    // One 4-byte value per possible CPU, each padded to 8 bytes.
    private static byte[] PerCpuValues(params (int Cpu, uint Value)[] values)
    {
        var bytes = new byte[8 * ProgramMap.PossibleCpuCount];
        foreach (var (cpu, value) in values)
            BitConverter.TryWriteBytes(bytes.AsSpan(8 * cpu), value);
        return bytes;
    }

    [Fact]
    public void A_new_key_gets_the_value_on_this_CPU_and_zero_on_the_others()
    {
        var map = new PerCpuHashMap<uint, uint>(maxEntries: 4);

        using (PinTo(0))
        {
            map.Update(1, 10);
            Assert.Equal(10u, *map.Lookup(1));
        }

        Assert.Equal(PerCpuValues((0, 10)), Assert.Single(map.ContentBytes()).Value);
        if (HasTwoCpus)
        {
            using (PinTo(1))
                Assert.Equal(0u, *map.Lookup(1));
        }
    }

    [TwoCpuFact]
    public void Each_CPU_updates_and_sees_its_own_value()
    {
        var map = new PerCpuHashMap<uint, uint>(maxEntries: 4);

        using (PinTo(0))
            map.Update(1, 10);
        using (PinTo(1))
        {
            map.Update(1, 20, MapUpdateFlags.Exist);
            *map.Lookup(1) += 1;
            Assert.Equal(21u, *map.Lookup(1));
        }

        using (PinTo(0))
            Assert.Equal(10u, *map.Lookup(1));
        Assert.Equal(PerCpuValues((0, 10), (1, 21)), Assert.Single(map.ContentBytes()).Value);
    }

    [Fact]
    public void An_update_writes_this_CPUs_value_in_place()
    {
        // __htab_percpu_map_update_elem copies into the existing element: an earlier pointer sees the new value.
        var map = new PerCpuHashMap<uint, uint>(maxEntries: 4);
        using var pinned = PinTo(0);
        map.Update(1, 10);
        uint* value = map.Lookup(1);

        map.Update(1, 11);

        Assert.Equal(11u, *value);
    }

    [Fact]
    public void Full_and_flag_errors_match_the_plain_hash_map()
    {
        var map = new PerCpuHashMap<uint, uint>(maxEntries: 1);

        Assert.Equal(0, map.CallUpdate(1u, 1u));
        Assert.Equal(E2BIG, map.CallUpdate(2u, 1u));
        Assert.Equal(EEXIST, map.CallUpdate(1u, 1u, (ulong)MapUpdateFlags.NoExist));
        Assert.Equal(ENOENT, map.CallUpdate(2u, 1u, (ulong)MapUpdateFlags.Exist));
        Assert.Equal(EINVAL, map.CallUpdate(1u, 1u, (ulong)MapUpdateFlags.Lock));
        Assert.Equal(ENOENT, map.CallDelete<uint, uint>(2));
    }
}

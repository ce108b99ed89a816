using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class UpdateFlagTests
{
    [KernelFact]
    public void NoExist_creates_an_absent_key()
    {
        using var map = BpfMap.Create(new MapDefinition("noexist_new", BpfMapType.Hash, 4, 4, 8));

        map.Update(1, 10, MapUpdateFlags.NoExist);

        Assert.True(map.TryLookup(1, out int value));
        Assert.Equal(10, value);
    }

    [KernelFact]
    public void NoExist_on_an_existing_key_is_a_conflict_naming_the_map_and_flag()
    {
        using var map = BpfMap.Create(new MapDefinition("noexist_dup", BpfMapType.Hash, 4, 4, 8));
        map.Update(1, 10);

        var error = Assert.Throws<BpfConflictException>(() => map.Update(1, 20, MapUpdateFlags.NoExist));

        Assert.Contains("'noexist_dup'", error.Message);
        Assert.Contains("NoExist", error.Message);
        Assert.Contains("already exists", error.Message);
        Assert.Equal("EEXIST", error.ErrnoName);
        Assert.True(map.TryLookup(1, out int value));
        Assert.Equal(10, value);
    }

    [KernelFact]
    public void Exist_replaces_a_present_key()
    {
        using var map = BpfMap.Create(new MapDefinition("exist_ok", BpfMapType.Hash, 4, 4, 8));
        map.Update(1, 10);

        map.Update(1, 20, MapUpdateFlags.Exist);

        Assert.True(map.TryLookup(1, out int value));
        Assert.Equal(20, value);
    }

    [KernelFact]
    public void Exist_on_an_absent_key_is_not_found_naming_the_map_and_flag()
    {
        using var map = BpfMap.Create(new MapDefinition("exist_missing", BpfMapType.Hash, 4, 4, 8));

        var error = Assert.Throws<BpfNotFoundException>(() => map.Update(1, 20, MapUpdateFlags.Exist));

        Assert.Contains("'exist_missing'", error.Message);
        Assert.Contains("Exist", error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.False(map.TryLookup(1, out int _));
    }

    [KernelFact]
    public void NoExist_on_an_array_always_conflicts()
    {
        using var map = BpfMap.Create(new MapDefinition("array_noexist", BpfMapType.Array, 4, 4, 4));

        var error = Assert.Throws<BpfConflictException>(() => map.Update(0, 1, MapUpdateFlags.NoExist));
        Assert.Contains("Array elements always exist", error.Message);
        map.Update(0, 1, MapUpdateFlags.Exist);
    }

    [KernelFact]
    public void Lock_on_a_value_without_a_spin_lock_is_explained()
    {
        using var map = BpfMap.Create(new MapDefinition("nolock", BpfMapType.Hash, 4, 4, 8));

        var error = Assert.Throws<BpfInvalidArgumentException>(() => map.Update(1, 1, MapUpdateFlags.Lock));
        Assert.Contains("bpf_spin_lock", error.Message);
    }
}

using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class FreezeTests
{
    [KernelFact]
    public void Updating_a_frozen_map_fails_saying_it_is_frozen()
    {
        using var map = BpfMap.Create(new MapDefinition("frozen", BpfMapType.Array, 4, 4, 2));
        map.Update(0, 42);

        map.Freeze();

        var error = Assert.Throws<BpfPermissionException>(() => map.Update(0, 1));
        Assert.Contains("'frozen' is frozen", error.Message);
        Assert.DoesNotContain("needs root", error.Message);
        Assert.True(map.TryLookup(0, out int value));
        Assert.Equal(42, value);
    }

    [KernelFact]
    public void Freezing_twice_says_the_map_is_already_frozen()
    {
        using var map = BpfMap.Create(new MapDefinition("frozen_twice", BpfMapType.Hash, 4, 4, 2));
        map.Freeze();

        var error = Assert.Throws<BpfPermissionException>(map.Freeze);
        Assert.Contains("already frozen", error.Message);
    }

    [KernelFact]
    public void Deleting_from_a_frozen_hash_fails_saying_it_is_frozen()
    {
        using var map = BpfMap.Create(new MapDefinition("frozen_hash", BpfMapType.Hash, 4, 4, 2));
        map.Update(1, 1);
        map.Freeze();

        var error = Assert.Throws<BpfPermissionException>(() => map.Delete(1));
        Assert.Contains("is frozen", error.Message);
    }
}

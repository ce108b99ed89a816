using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class MapInfoTests
{
    [KernelFact]
    public void Info_reports_the_shape_the_map_was_created_with()
    {
        using var map = BpfMap.Create(new MapDefinition("info_probe", BpfMapType.LruHash, 8, 16, 128, BpfMapFlags.NoCommonLru));

        var info = map.GetInfo();

        Assert.Equal(BpfMapType.LruHash, info.Type);
        Assert.Equal((8, 16, 128), (info.KeySize, info.ValueSize, info.MaxEntries));
        Assert.Equal(BpfMapFlags.NoCommonLru, info.Flags);
        Assert.Equal("info_probe", info.Name);
        Assert.True(info.Id > 0);
        Assert.Equal(info.Id, map.Id);
        Assert.Equal(0, info.BtfId);
    }

    [KernelFact]
    public void Each_map_has_its_own_id()
    {
        using var first = BpfMap.Create(new MapDefinition("id_a", BpfMapType.Array, 4, 4, 1));
        using var second = BpfMap.Create(new MapDefinition("id_b", BpfMapType.Array, 4, 4, 1));

        Assert.NotEqual(first.Id, second.Id);
    }

    [KernelFact]
    public void Info_of_a_bloom_filter_reports_its_hash_count()
    {
        using var bloom = BpfMap.Create(new MapDefinition("bloom_info", BpfMapType.BloomFilter, 0, 4, 16) { MapExtra = 3 });

        Assert.Equal(3UL, bloom.GetInfo().MapExtra);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Runtime.Tests.Maps;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Views;

public class MapViewTests
{
    private static MapView<FlowKey, FlowStats> CreateFlows(BpfMapType type = BpfMapType.Hash, int maxEntries = 256) =>
        new(BpfMap.Create(new MapDefinition("flows", type, 12, 16, maxEntries)), ownsMap: true);

    [KernelFact]
    public void Struct_keys_and_values_with_padding_round_trip()
    {
        using var flows = CreateFlows();
        var key = new FlowKey(6, 0x0a000001, 443);

        flows[key] = new FlowStats(3, 1500);

        Assert.Equal(12, Unsafe.SizeOf<FlowKey>());
        Assert.Equal(new FlowStats(3, 1500), flows[key]);
        Assert.True(flows.TryGetValue(key, out var stats));
        Assert.Equal(1500ul, stats.Bytes);
        Assert.Equal([new KeyValuePair<FlowKey, FlowStats>(key, new FlowStats(3, 1500))], flows);
        Assert.Equal(new FlowStats(3, 1500), flows.GetAll()[key]);
        Assert.Equal([key], flows.Keys);
    }

    [KernelFact]
    public void A_key_with_garbage_in_its_padding_still_finds_its_entry()
    {
        using var flows = CreateFlows();
        flows[new FlowKey(17, 7, 53)] = new FlowStats(1, 64);
        var bytes = new byte[12];
        bytes.AsSpan().Fill(0xAB);
        var dirty = MemoryMarshal.Read<FlowKey>(bytes) with { Protocol = 17, Address = 7, Port = 53 };

        Assert.Equal(0xAB, MemoryMarshal.AsBytes(new ReadOnlySpan<FlowKey>(in dirty))[1]);
        Assert.True(flows.ContainsKey(dirty));
        Assert.True(flows.Remove(dirty));
    }

    [KernelFact]
    public void Getting_an_absent_key_throws_KeyNotFoundException_naming_the_key()
    {
        using var flows = CreateFlows();

        var error = Assert.Throws<KeyNotFoundException>(() => flows[new FlowKey(6, 1, 80)]);

        Assert.Contains("FlowKey { Protocol = 6, Address = 1, Port = 80 }", error.Message);
        Assert.Contains("'flows'", error.Message);
        Assert.False(flows.TryGetValue(new FlowKey(6, 1, 80), out var missing));
        Assert.Equal(default, missing);
    }

    [KernelFact]
    public void Update_flags_Remove_and_ContainsKey_behave_like_the_kernel_map()
    {
        using var flows = CreateFlows(BpfMapType.LruHash);
        var key = new FlowKey(6, 2, 22);

        flows.Update(key, new FlowStats(0, 1), MapUpdateFlags.NoExist);
        Assert.Throws<BpfConflictException>(() => flows.Update(key, new FlowStats(0, 2), MapUpdateFlags.NoExist));
        flows.Update(key, new FlowStats(0, 3), MapUpdateFlags.Exist);

        Assert.Equal(3ul, flows[key].Bytes);
        Assert.True(flows.Remove(key));
        Assert.False(flows.Remove(key));
        Assert.False(flows.ContainsKey(key));
        Assert.Throws<BpfNotFoundException>(() => flows.Update(key, default, MapUpdateFlags.Exist));
    }

    [KernelFact]
    public void Batch_operations_write_read_remove_count_and_clear_a_hash_map()
    {
        using var flows = CreateFlows();
        var entries = Enumerable.Range(0, 100).ToDictionary(i => new FlowKey(6, (uint)i, (ushort)(1000 + i)), i => new FlowStats((byte)i, (ulong)i * 10));

        flows.UpdateBatch(entries);

        Assert.Equal(entries, flows.GetAll());
        Assert.Equal(100, flows.CountEntries());
        int removed = flows.RemoveBatch(entries.Keys.Take(50).Append(new FlowKey(1, 999, 9)));
        Assert.Equal(50, removed);
        Assert.Equal(50, flows.CountEntries());
        flows.Clear();
        Assert.Equal(0, flows.CountEntries());
        Assert.Empty(flows.GetAll());
    }

    [KernelFact]
    public void Hash_maps_have_no_cheap_Count_and_point_to_CountEntries()
    {
        using var flows = CreateFlows();

        var error = Assert.Throws<InvalidOperationException>(() => flows.Count);

        Assert.Contains("CountEntries()", error.Message);
    }

    [KernelFact]
    public void Array_maps_are_viewed_with_uint_keys_count_their_capacity_and_clear_to_zero()
    {
        using var counts = new MapView<uint, Counter>(BpfMap.Create(new MapDefinition("counts", BpfMapType.Array, 4, 16, 8)), ownsMap: true);

        counts[3] = new Counter(5, 320);
        counts.UpdateBatch([new(0, new Counter(1, 1)), new(7, new Counter(7, 7))]);

        Assert.Equal(8, counts.Count);
        Assert.Equal(8, counts.CountEntries());
        Assert.Equal(new Counter(5, 320), counts[3]);
        Assert.Equal(new Counter(7, 7), counts.GetAll()[7]);
        Assert.Equal(8, counts.Count());
        counts.Clear();
        Assert.All(counts.GetAll().Values, value => Assert.Equal(default, value));
        Assert.Throws<InvalidOperationException>(() => counts.Remove(3));
        Assert.Throws<BpfLimitException>(() => counts[8] = default);
        Assert.False(counts.ContainsKey(8));
    }

    [KernelFact]
    public void An_LPM_trie_view_finds_the_longest_matching_prefix_and_falls_back_from_batches()
    {
        using var routes = new MapView<Ipv4Prefix, int>(BpfMap.Create(new MapDefinition("routes", BpfMapType.LpmTrie, 8, 4, 16, BpfMapFlags.NoPrealloc)), ownsMap: true);

        routes.UpdateBatch([new(new Ipv4Prefix(8, 10, 0, 0, 0), 8), new(new Ipv4Prefix(24, 10, 1, 2, 0), 24)]);

        Assert.Equal(24, routes[new Ipv4Prefix(32, 10, 1, 2, 3)]);
        Assert.Equal(8, routes[new Ipv4Prefix(32, 10, 9, 9, 9)]);
        Assert.False(routes.ContainsKey(new Ipv4Prefix(32, 192, 168, 0, 1)));
        Assert.Equal([8, 24], routes.GetAll().Values.Order());
        Assert.Equal(1, routes.RemoveBatch([new Ipv4Prefix(24, 10, 1, 2, 0)]));
        Assert.Equal(8, routes[new Ipv4Prefix(32, 10, 1, 2, 3)]);
        routes.Clear();
        Assert.Equal(0, routes.CountEntries());
    }

    [KernelFact]
    public void A_view_refuses_a_map_of_another_type_and_names_the_view_that_fits()
    {
        using var map = BpfMap.Create(new MapDefinition("per_cpu", BpfMapType.PerCpuHash, 4, 8, 4));

        var error = Assert.Throws<ArgumentException>(() => new MapView<uint, ulong>(map));

        Assert.Contains("MapView<UInt32, UInt64>", error.Message);
        Assert.Contains("PerCpuMapView<TKey, TValue>", error.Message);
    }

    [KernelFact]
    public void A_view_refuses_key_and_value_types_of_other_sizes_and_gives_both_shapes()
    {
        using var map = BpfMap.Create(new MapDefinition("sized", BpfMapType.Hash, 8, 16, 4));

        var error = Assert.Throws<ArgumentException>(() => new MapView<uint, Counter>(map));

        Assert.Contains("4-byte keys (sizeof(UInt32))", error.Message);
        Assert.Contains("has 8-byte keys and 16-byte values", error.Message);
    }

    [KernelFact]
    public void A_view_disposes_the_map_only_when_it_owns_it()
    {
        var map = BpfMap.Create(new MapDefinition("owned", BpfMapType.Hash, 4, 8, 4));
        using (new MapView<uint, ulong>(map))
        {
        }
        Assert.False(map.Handle.IsClosed);

        using (new MapView<uint, ulong>(map, ownsMap: true))
        {
        }
        Assert.True(map.Handle.IsClosed);
    }
}

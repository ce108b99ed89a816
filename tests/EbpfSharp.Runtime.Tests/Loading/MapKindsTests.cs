using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Loading;

/// <summary>Every map type that needs no extra setup, declared in .maps by clang, created by our loader.</summary>
public class MapKindsTests
{
    [KernelFact("clang-19")]
    public void Every_declared_map_kind_is_created_with_its_type_and_shape()
    {
        using var loaded = BpfObject.Load(ClangFixtures.Compile("map_kinds"));

        var expected = new Dictionary<string, BpfMapType>
        {
            ["hash"] = BpfMapType.Hash, ["array"] = BpfMapType.Array, ["percpu_hash"] = BpfMapType.PerCpuHash,
            ["percpu_array"] = BpfMapType.PerCpuArray, ["lru_hash"] = BpfMapType.LruHash, ["lru_percpu_hash"] = BpfMapType.LruPerCpuHash,
            ["lpm"] = BpfMapType.LpmTrie, ["queue"] = BpfMapType.Queue, ["stack"] = BpfMapType.Stack, ["bloom"] = BpfMapType.BloomFilter,
            ["ringbuf"] = BpfMapType.RingBuffer, ["perf"] = BpfMapType.PerfEventArray, ["stacks"] = BpfMapType.StackTrace,
            ["devmap"] = BpfMapType.DevMap, ["cpumap"] = BpfMapType.CpuMap, ["inner_a"] = BpfMapType.Array, ["inner_b"] = BpfMapType.Array,
            ["outer"] = BpfMapType.ArrayOfMaps, ["jump_table"] = BpfMapType.ProgramArray,
        };
        foreach (var (name, type) in expected)
        {
            var info = loaded.Map(name).GetInfo();
            Assert.True(info.Type == type, $"{name} is a {info.Type}");
        }
        Assert.Equal(BpfMap.PossibleCpuCount, loaded.Map("perf").GetInfo().MaxEntries);
        Assert.Equal(3ul, loaded.Map("bloom").GetInfo().MapExtra);
        Assert.NotEqual(0, loaded.Map("hash").GetInfo().BtfKeyTypeId);
    }

    [KernelFact("clang-19")]
    public void A_program_array_declared_with_initial_slots_is_filled_so_the_tail_call_lands()
    {
        using var loaded = BpfObject.Load(ClangFixtures.Compile("map_kinds"));

        var result = loaded.Program("uses_every_map").TestRun(new TestRunOptions { Data = new byte[64] });

        Assert.Equal(1u, result.ReturnValue);   // XDP_DROP from tail_target, reached through jump_table[1]
        Assert.True(loaded.Map("array").TryLookup(0u, out ulong count));
        Assert.Equal(1ul, count);
        Assert.True(loaded.Map("queue").TryPop(out ulong queued));
        Assert.Equal(1ul, queued);
    }

    [KernelFact("clang-19")]
    public void An_array_of_maps_declared_with_inner_maps_holds_them()
    {
        using var loaded = BpfObject.Load(ClangFixtures.Compile("map_kinds"));
        var outer = loaded.Map("outer");

        Assert.True(outer.TryLookup(0u, out uint innerIdA));
        Assert.True(outer.TryLookup(1u, out uint innerIdB));
        Assert.Equal(loaded.Map("inner_a").Id, (int)innerIdA);
        Assert.Equal(loaded.Map("inner_b").Id, (int)innerIdB);
    }
}

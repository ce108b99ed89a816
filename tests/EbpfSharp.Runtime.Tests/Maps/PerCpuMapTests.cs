using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class PerCpuMapTests
{
    [KernelTheory]
    [InlineData(BpfMapType.PerCpuHash)]
    [InlineData(BpfMapType.PerCpuArray)]
    [InlineData(BpfMapType.LruPerCpuHash)]
    public void Per_cpu_values_round_trip_one_value_per_possible_cpu(BpfMapType type)
    {
        using var map = BpfMap.Create(new MapDefinition("percpu", type, 4, 8, 4));
        var values = Enumerable.Range(0, BpfMap.PossibleCpuCount).Select(cpu => 100L + cpu).ToArray();

        map.UpdatePerCpu(1, (ReadOnlySpan<long>)values);

        Assert.Equal(values, map.LookupPerCpu<int, long>(1));
    }

    [KernelFact]
    public void Per_cpu_values_smaller_than_8_bytes_use_8_byte_slots()
    {
        using var map = BpfMap.Create(new MapDefinition("percpu_small", BpfMapType.PerCpuArray, 4, 4, 2));
        var values = Enumerable.Range(0, BpfMap.PossibleCpuCount).Select(cpu => 7 * (cpu + 1)).ToArray();

        map.UpdatePerCpu(0, (ReadOnlySpan<int>)values);

        Assert.Equal(8 * BpfMap.PossibleCpuCount, map.ValueBufferSize);
        var buffer = new byte[map.ValueBufferSize];
        Assert.True(map.TryLookup(BitConverter.GetBytes(0), buffer));
        for (int cpu = 0; cpu < BpfMap.PossibleCpuCount; cpu++)
            Assert.Equal(values[cpu], BitConverter.ToInt32(buffer, cpu * 8));
        Assert.Equal(values, map.LookupPerCpu<int, int>(0));
    }

    [KernelFact]
    public void Looking_up_an_absent_per_cpu_key_throws_not_found_or_returns_false()
    {
        using var map = BpfMap.Create(new MapDefinition("percpu_missing", BpfMapType.PerCpuHash, 4, 8, 4));

        Assert.Throws<BpfNotFoundException>(() => map.LookupPerCpu<int, long>(5));
        Assert.False(map.TryLookupPerCpu(5, new long[BpfMap.PossibleCpuCount].AsSpan()));
    }

    [KernelFact]
    public void Per_cpu_maps_refuse_single_value_typed_access()
    {
        using var map = BpfMap.Create(new MapDefinition("percpu_typed", BpfMapType.PerCpuHash, 4, 8, 4));

        var error = Assert.Throws<ArgumentException>(() => map.Update(1, 1L));
        Assert.Contains("LookupPerCpu", error.Message);
    }

    [KernelFact]
    public void Per_cpu_update_needs_one_value_per_possible_cpu()
    {
        using var map = BpfMap.Create(new MapDefinition("percpu_count", BpfMapType.PerCpuHash, 4, 8, 4));

        var error = Assert.Throws<ArgumentException>(() => map.UpdatePerCpu(1, (ReadOnlySpan<long>)new long[BpfMap.PossibleCpuCount + 1]));
        Assert.Contains($"pass {BpfMap.PossibleCpuCount} values", error.Message);
    }

    [Fact]
    public void Cpu_lists_parse_into_cpu_numbers()
    {
        Assert.Equal([0, 1, 2, 3, 5], PossibleCpus.ParseList("0-3,5\n"));
        Assert.Equal([7], PossibleCpus.ParseList("7"));
        Assert.Throws<FormatException>(() => PossibleCpus.ParseList("1,,2"));
    }

    [Fact]
    public void Possible_cpu_lists_count_ranges_and_single_cpus()
    {
        Assert.Equal(5, PossibleCpus.Parse("0-3,5\n"));
        Assert.Equal(1, PossibleCpus.Parse("0"));
        Assert.Equal(8, PossibleCpus.Parse("0-7"));
        Assert.Equal(4, PossibleCpus.Parse("0,2,4-5"));
        Assert.Throws<FormatException>(() => PossibleCpus.Parse("0-x"));
        Assert.Throws<FormatException>(() => PossibleCpus.Parse("3-1"));
    }

    [Fact]
    public void Possible_cpu_count_matches_the_sysfs_list()
    {
        if (!File.Exists(PossibleCpus.ListPath))
            return;
        Assert.Equal(PossibleCpus.Parse(File.ReadAllText(PossibleCpus.ListPath)), BpfMap.PossibleCpuCount);
        Assert.True(BpfMap.PossibleCpuCount >= Environment.ProcessorCount);
    }
}

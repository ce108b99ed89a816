using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Runtime.Tests.Views;

public class PerCpuMapViewTests
{
    [KernelFact]
    public void Per_cpu_array_values_round_trip_one_per_possible_cpu()
    {
        using var view = new PerCpuMapView<uint, FlowStats>(BpfMap.Create(new MapDefinition("percpu_flows", BpfMapType.PerCpuArray, 4, 16, 4)), ownsMap: true);
        var values = Enumerable.Range(0, view.CpuCount).Select(cpu => new FlowStats((byte)cpu, 100ul + (ulong)cpu)).ToArray();

        view[2] = values;

        Assert.Equal(BpfMap.PossibleCpuCount, view.CpuCount);
        Assert.Equal(values, view[2]);
        Assert.Equal(values, view.GetAll()[2]);
        Assert.Equal(4, view.Count);
        Assert.Equal(new FlowStats[view.CpuCount], view[0]);
    }

    [KernelFact]
    public void UpdateAll_writes_the_same_value_on_every_cpu_and_Clear_zeroes_an_array()
    {
        using var view = new PerCpuMapView<uint, uint>(BpfMap.Create(new MapDefinition("percpu_small", BpfMapType.PerCpuArray, 4, 4, 3)), ownsMap: true);

        view.UpdateAll(1, 7u);

        Assert.All(view[1], value => Assert.Equal(7u, value));
        view.Clear();
        Assert.All(view.GetAll().Values.SelectMany(values => values), value => Assert.Equal(0u, value));
        Assert.Throws<InvalidOperationException>(() => view.Remove(1));
    }

    [KernelFact]
    public void Per_cpu_hash_entries_are_enumerated_removed_and_cleared()
    {
        using var view = new PerCpuMapView<FlowKey, ulong>(BpfMap.Create(new MapDefinition("percpu_hash", BpfMapType.PerCpuHash, 12, 8, 16)), ownsMap: true);
        var first = new FlowKey(6, 1, 80);
        var second = new FlowKey(17, 2, 53);

        view.UpdateAll(first, 1);
        view.UpdateAll(second, 2);

        Assert.Equal(2, view.CountEntries());
        Assert.Equal(new Dictionary<FlowKey, ulong> { [first] = 1, [second] = 2 }, view.ToDictionary(entry => entry.Key, entry => entry.Value[0]));
        Assert.True(view.Remove(first));
        Assert.False(view.ContainsKey(first));
        Assert.False(view.TryGetValue(first, out var none));
        Assert.Empty(none);
        Assert.Throws<KeyNotFoundException>(() => view[first]);
        view.Clear();
        Assert.Empty(view.GetAll());
    }

    [KernelFact]
    public void Update_needs_one_value_per_possible_cpu()
    {
        using var view = new PerCpuMapView<uint, ulong>(BpfMap.Create(new MapDefinition("percpu_count", BpfMapType.LruPerCpuHash, 4, 8, 4)), ownsMap: true);

        var error = Assert.Throws<ArgumentException>(() => view.Update(1, new ulong[view.CpuCount + 1]));

        Assert.Contains($"pass {view.CpuCount} values", error.Message);
    }

    [KernelFact]
    public void A_program_run_on_one_cpu_changes_only_that_cpus_value()
    {
        using var view = new PerCpuMapView<uint, ulong>(BpfMap.Create(new MapDefinition("percpu_runs", BpfMapType.PerCpuArray, 4, 8, 1)), ownsMap: true);
        using var program = CountRuns(view.Map);
        int cpu = PossibleCpus.Online()?.Max() ?? 0;

        using (CpuAffinity.PinCurrentThread(cpu))
            program.TestRun(new TestRunOptions { Data = new byte[64], Repeat = 5 });

        var values = view[0];
        Assert.Equal(5ul, values[cpu]);
        Assert.Equal(5ul, values.Aggregate(0ul, (sum, value) => sum + value));
    }

    private static BpfProgram CountRuns(BpfMap map) => BpfProgram.Load(ProgramDefinition.FromInstructions("count_cpu_runs", BpfProgramType.Xdp,
    [
        Mem.StoreImm(AccessSize.Word, R10, -4, 0),
        Alu64.Mov.Reg(R2, R10),
        Alu64.Add.Imm(R2, -4),
        Ld.MapFd(R1, map.Handle.Value),
        Jmp.Call(1),                                            // bpf_map_lookup_elem: this CPU's value
        Jmp.Eq.Imm(R0, 0, "out"),
        Mem.Load(AccessSize.DoubleWord, R1, R0, 0),
        Alu64.Add.Imm(R1, 1),
        Mem.Store(AccessSize.DoubleWord, R0, 0, R1),
        Alu64.Mov.Imm(R0, 2).WithLabel("out"),
        Jmp.Exit(),
    ]) with { ExpectedAttachType = BpfAttachType.Xdp });
}

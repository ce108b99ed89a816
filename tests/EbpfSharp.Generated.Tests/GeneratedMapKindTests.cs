using EbpfSharp.Generated.Tests.Programs;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Generated.Tests;

/// <summary>Each map kind's generated property is the runtime's typed view for it, and works against the kernel.</summary>
public class GeneratedMapKindTests
{
    [KernelFact]
    public void A_program_array_slot_takes_a_typed_program_and_the_tail_call_reaches_it()
    {
        using MapKinds.Loaded maps = MapKinds.Load();
        byte[] packet = new byte[64];
        Assert.Equal(XdpAction.Pass, maps.Entry.TestRun(packet).Action);

        maps.Jumps[0] = maps.Target;
        maps.Pending.Push(7);

        Assert.Equal(XdpAction.Drop, maps.Entry.TestRun(packet).Action);
        Assert.Equal(1ul, maps.Hits[0].Aggregate(0ul, (sum, value) => sum + value));
        Assert.True(maps.Undo.TryPop(out uint moved));
        Assert.Equal(7u, moved);
        Assert.False(maps.Pending.TryPeek(out _));
        Assert.True(maps.Jumps.Contains(0));
    }

    [KernelFact]
    public void Keyed_and_per_cpu_views_read_and_write_the_declared_types()
    {
        using var maps = MapKinds.Load();

        maps.Recent[1] = 10;
        maps.HitsByKey.UpdateAll(2, 5);
        maps.RecentPerCpu.UpdateAll(3, 6);
        maps.Routes[new Ipv4Prefix { PrefixLength = 24, Address = 0x0000A8C0 }] = 42;

        Assert.Equal(10ul, maps.Recent[1]);
        Assert.All(maps.HitsByKey[2], value => Assert.Equal(5ul, value));
        Assert.Equal(Environment.ProcessorCount, maps.RecentPerCpu[3].Length);
        Assert.True(maps.Routes.TryGetValue(new Ipv4Prefix { PrefixLength = 32, Address = 0x0700A8C0 }, out uint route));
        Assert.Equal(42u, route);
    }

    [KernelFact]
    public void Bloom_filter_and_stack_trace_views_come_typed()
    {
        using var maps = MapKinds.Load();

        maps.Known.Add(5);

        Assert.True(maps.Known.Contains(5));
        Assert.Equal(127, maps.Stacks.MaxDepth);
        Assert.False(maps.Stacks.TryGetStack(1, out _));
    }
}

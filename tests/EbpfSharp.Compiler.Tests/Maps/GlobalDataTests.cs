using EbpfSharp.Corpus.Maps;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Compiler.Tests.Maps;

/// <summary>Globals from the host's side: .rodata configured before load, .bss and .data read after runs.</summary>
public sealed class GlobalDataTests
{
    private static readonly byte[] Ipv4Frame = FramePackets.Ipv4(protocol: 17, source: 0x0A000001, destination: 0x0A000002);
    private static readonly byte[] Ipv6Frame = FramePackets.Ipv6();

    private static uint Run(BpfObject loaded, string program, byte[] packet) =>
        loaded.Program(program).TestRun(new TestRunOptions { Data = packet }).ReturnValue;

    [KernelFact]
    public void Rodata_setting_changed_before_load_changes_the_verdict()
    {
        using (var byDefault = MapCorpus.Load(typeof(ProtocolCounters)))
        {
            Assert.Equal((uint)XdpAction.Drop, Run(byDefault, "DropIgnoredEtherType", Ipv6Frame));
            Assert.Equal((uint)XdpAction.Pass, Run(byDefault, "DropIgnoredEtherType", Ipv4Frame));
        }
        using var configured = MapCorpus.Load(typeof(ProtocolCounters), spec => spec.SetVariable<ushort>("IgnoredEtherType", 0x0800));
        Assert.Equal((uint)XdpAction.Pass, Run(configured, "DropIgnoredEtherType", Ipv6Frame));
        Assert.Equal((uint)XdpAction.Drop, Run(configured, "DropIgnoredEtherType", Ipv4Frame));
        Assert.Equal((ushort)0x0800, configured.ReadVariable<ushort>("IgnoredEtherType"));
    }

    [KernelFact]
    public void Rodata_minimum_length_decides_which_frames_drop()
    {
        var runt = Ipv4Frame[..42];
        using (var byDefault = MapCorpus.Load(typeof(GlobalState)))
            Assert.Equal((uint)XdpAction.Drop, Run(byDefault, "EnforceMinimums", runt));
        using var relaxed = MapCorpus.Load(typeof(GlobalState), spec => spec.SetVariable<uint>("MinimumLength", 40));
        Assert.Equal((uint)XdpAction.Pass, Run(relaxed, "EnforceMinimums", runt));
    }

    [KernelFact]
    public void Bss_counters_are_readable_after_runs()
    {
        using var loaded = MapCorpus.Load(typeof(GlobalState));
        Assert.Equal(0ul, loaded.ReadVariable<ulong>("Packets"));
        for (int i = 0; i < 7; i++)
            Run(loaded, "CountPackets", i % 2 == 0 ? Ipv4Frame : Ipv6Frame);
        Assert.Equal(7ul, loaded.ReadVariable<ulong>("Packets"));
        Assert.Equal(7ul, loaded.ReadVariable<ulong>("AtomicPackets"));
    }

    [KernelFact]
    public void Data_globals_start_at_their_initialisers_and_change_with_runs()
    {
        using var loaded = MapCorpus.Load(typeof(GlobalState));
        Assert.Equal(300u, loaded.ReadVariable<uint>("Budget"));
        Assert.Equal(-1000L, loaded.ReadVariable<long>("Balance"));
        for (int i = 0; i < 5; i++)
            Run(loaded, "SpendBudget", Ipv4Frame);
        Assert.Equal(295u, loaded.ReadVariable<uint>("Budget"));
        Assert.Equal(-1000L + 5 * Ipv4Frame.Length, loaded.ReadVariable<long>("Balance"));

        loaded.WriteVariable("Budget", 0u);
        Assert.Equal((uint)XdpAction.Drop, Run(loaded, "SpendBudget", Ipv4Frame));
    }

    [KernelFact]
    public void Struct_global_is_read_as_the_same_struct()
    {
        using var loaded = MapCorpus.Load(typeof(GlobalState));
        Run(loaded, "Summarize", Ipv4Frame);
        Run(loaded, "Summarize", Ipv6Frame);
        var summary = loaded.ReadVariable<GlobalState.Totals>("Summary");
        Assert.Equal((ulong)(Ipv4Frame.Length + Ipv6Frame.Length), summary.Bytes);
        Assert.Equal((uint)Math.Max(Ipv4Frame.Length, Ipv6Frame.Length), summary.Largest);
        Assert.Equal((ushort)0x86DD, summary.LastEtherType);
        Assert.Equal((byte)64, summary.LastTtl);
        Assert.Equal((byte)2, summary.Frames);
    }
}

using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Loading;

/// <summary>The README's runtime example, as written there, does what the README says.</summary>
public class ReadmeExampleTests
{
    [KernelFact("clang-19")]
    public void The_readme_example_configures_loads_runs_and_reads_back()
    {
        var spec = ObjectSpec.ReadFile(ClangFixtures.Compile("global_data"));
        spec.SetVariable("minimum_length", 100u);
        using var loaded = spec.Load();
        var filter = loaded.Program("filter_short_packets");
        var result = filter.TestRun(new TestRunOptions { Data = new byte[80] });
        ulong packetsSeen = loaded.ReadVariable<ulong>("packets_seen");

        Assert.Equal(1u, result.ReturnValue);                                  // XDP_DROP: 80 < 100
        Assert.Equal(1ul, packetsSeen);
        Assert.Equal(2u, filter.TestRun(new TestRunOptions { Data = new byte[120] }).ReturnValue);
        Assert.Equal(1ul, loaded.ReadVariable<ulong>("short_packets"));
        Assert.Equal(120u, loaded.ReadVariable<uint>("last_length"));
        loaded.WriteVariable("packets_seen", 1000ul);
        filter.TestRun(new TestRunOptions { Data = new byte[120] });
        Assert.Equal(1001ul, loaded.ReadVariable<ulong>("packets_seen"));
        Assert.Equal(1ul, loaded.ReadVariable<ulong>("short_packets"));
        Assert.Throws<InvalidOperationException>(() => loaded.WriteVariable("minimum_length", 1u));
        Assert.Equal(100u, loaded.ReadVariable<uint>("minimum_length"));
    }
}

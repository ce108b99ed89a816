using System.Text.RegularExpressions;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;
using ProtocolCounterSample;

namespace EbpfSharp.Samples.Tests;

public class ProtocolCounterTests
{
    private static string ObjectPath => Path.Combine(AppContext.BaseDirectory, "ProtocolCounter.bpf.o");

    [KernelFact]
    public void The_main_sample_counts_exactly_the_packets_it_sent_across_the_veth_pair()
    {
        var output = new StringWriter();

        int exitCode = CounterApp.Run([], output);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Matches(new Regex(@"^UDP \(17\)\s+40\s+\d+\s+40$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^TCP \(6\)\s+10\s+\d+\s+10$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^ICMP \(1\)\s+15\s+\d+\s+15$", RegexOptions.Multiline), text);
        Assert.Contains("40 of 40 datagrams reached their socket", text);
        Assert.Contains("the UDP count stayed at 40 (was 40)", text);
    }

    [Fact]
    public void The_build_compiled_the_csharp_program_into_an_object_beside_the_sample()
    {
        var spec = ObjectSpec.ReadFile(ObjectPath);

        Assert.Equal(nameof(ProtocolCounter.Count), spec.Programs.Single().Name);
        Assert.Equal(16, spec.Map("Counts").Definition.ValueSize);
        Assert.Equal(256, (int)spec.Map("Counts").Definition.MaxEntries);
        Assert.Contains(spec.Variables, variable => variable.Name == "NotIpv4");
    }

    [Fact]
    public unsafe void The_same_program_runs_on_the_clr_against_managed_maps()
    {
        ProtocolCounter.Counts.Clear();
        ProtocolCounter.NotIpv4 = 0;
        var udp = Packets.Ipv4(new Random(3), protocol: 17);

        Assert.Equal(XdpAction.Pass, ProtocolCounter.Count(XdpContext.ForPacket(udp)));
        Assert.Equal(XdpAction.Pass, ProtocolCounter.Count(XdpContext.ForPacket(udp)));
        Assert.Equal(XdpAction.Pass, ProtocolCounter.Count(XdpContext.ForPacket(new byte[14])));

        ProtocolCount* count = ProtocolCounter.Counts.Lookup(17);
        Assert.Equal(2ul, count->Packets);
        Assert.Equal(2ul * (ulong)udp.Length, count->Bytes);
        Assert.Equal(1ul, ProtocolCounter.NotIpv4);
    }

    [Fact]
    public void An_unknown_option_is_explained_with_the_usage()
    {
        var exception = Assert.Throws<ArgumentException>(() => CounterOptions.Parse(["--frobnicate"]));

        Assert.Contains("--interface <name>", exception.Message);
    }

    [Fact]
    public void A_missing_object_is_reported_with_what_to_do()
    {
        var exception = Assert.Throws<FileNotFoundException>(() => CounterApp.Run(["--object", "/nonexistent/counter.bpf.o"], new StringWriter()));

        Assert.Contains("dotnet build", exception.Message);
    }
}

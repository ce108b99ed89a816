using System.Text.RegularExpressions;
using AssembledCounter;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Samples.Tests;

public class AssembledCounterTests
{
    [KernelFact]
    public void The_main_sample_counts_exactly_the_packets_it_sent_across_the_veth_pair()
    {
        var output = new StringWriter();
        string objectPath = Path.Combine(Scratch.NewDirectory("sample"), "counter.bpf.o");

        int exitCode = CounterApp.Run(["--object", objectPath], output);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Matches(new Regex(@"^UDP \(17\)\s+40\s+\d+\s+40$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^TCP \(6\)\s+10\s+\d+\s+10$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^ICMP \(1\)\s+15\s+\d+\s+15$", RegexOptions.Multiline), text);
        Assert.Contains("40 of 40 datagrams reached their socket", text);
        Assert.Contains("the UDP count stayed at 40 (was 40)", text);
        Assert.True(File.Exists(objectPath));
    }

    [Fact]
    public void The_sample_writes_an_object_that_reads_back_with_its_program_and_maps()
    {
        var spec = EbpfSharp.Runtime.ObjectSpec.Read(ProtocolCounterObject.Write(), "protocol-counter");

        Assert.Equal(ProtocolCounterObject.ProgramName, spec.Programs.Single().Name);
        Assert.Equal(16, spec.Map(ProtocolCounterObject.CountsMap).Definition.ValueSize);
        Assert.Contains(spec.Variables, variable => variable.Name == ProtocolCounterObject.NotIpv4Variable);
    }

    [Fact]
    public void An_unknown_option_is_explained_with_the_usage()
    {
        var exception = Assert.Throws<ArgumentException>(() => CounterOptions.Parse(["--frobnicate"]));

        Assert.Contains("--interface <name>", exception.Message);
    }
}

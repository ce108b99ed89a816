using System.Buffers.Binary;
using System.Text.RegularExpressions;
using EbpfSharp.TestSupport;
using PacketCounterSample;

namespace EbpfSharp.Samples.Tests;

public class PacketCounterTests
{
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
        Assert.Contains("15 of 15 pings were answered", text);
        Assert.Contains("Detached. 10 more datagrams crossed the pair; the UDP count stayed at 40 (was 40).", text);
    }

    [KernelFact]
    public void Config_set_between_open_and_load_is_what_the_kernel_program_sees()
    {
        byte[] udp = Packets.Ipv4(new Random(5), protocol: 17);
        byte[] arp = new byte[42];
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(12), 0x0806);

        var opened = ProtocolCounter.Open();
        opened.Config.IgnoredEtherType = 0x0800;          // ignore IPv4: nothing is counted by protocol
        using (var ignoringIpv4 = opened.Load())
        {
            Assert.Equal((ushort)0x0800, ignoringIpv4.IgnoredEtherType);
            Assert.Equal(XdpAction.Pass, ignoringIpv4.Count.TestRun(udp).Action);
            Assert.Equal(0ul, ignoringIpv4.Counts[17].Packets);
            Assert.Equal(0ul, ignoringIpv4.NotIpv4);
        }

        using var byDefault = ProtocolCounter.Load();     // IPv6 ignored, as compiled
        Assert.Equal((ushort)0x86DD, byDefault.IgnoredEtherType);
        byDefault.Count.TestRun(udp, repeat: 3);
        byDefault.Count.TestRun(arp);
        Assert.Equal(new ProtocolCount { Packets = 3, Bytes = 3ul * (ulong)udp.Length }, byDefault.Counts[17]);
        Assert.Equal(1ul, byDefault.NotIpv4);
        byDefault.NotIpv4 = 0;                            // a .bss global is writable from the host
        Assert.Equal(0ul, byDefault.NotIpv4);
    }

    [Fact]
    public void The_build_compiled_the_csharp_program_into_the_object_the_generated_class_opens()
    {
        var opened = ProtocolCounter.Open();

        Assert.Equal(nameof(ProtocolCounter.Count), opened.Spec.Programs.Single().Name);
        Assert.Equal(16, opened.Spec.Map("Counts").Definition.ValueSize);
        Assert.Equal(256, (int)opened.Spec.Map("Counts").Definition.MaxEntries);
        Assert.Contains(opened.Spec.Variables, variable => variable.Name == "NotIpv4");
        Assert.Equal((ushort)0x86DD, opened.Config.IgnoredEtherType);
    }

    [Fact]
    public unsafe void The_same_program_runs_on_the_clr_against_managed_maps()
    {
        ProtocolCounter.Counts.Clear();
        ProtocolCounter.NotIpv4 = 0;
        var udp = Packets.Ipv4(new Random(3), protocol: 17);
        var ipv6 = Packets.Ipv6(new Random(4), nextHeader: 17);

        Assert.Equal(XdpAction.Pass, ProtocolCounter.Count(XdpContext.ForPacket(udp)));
        Assert.Equal(XdpAction.Pass, ProtocolCounter.Count(XdpContext.ForPacket(udp)));
        Assert.Equal(XdpAction.Pass, ProtocolCounter.Count(XdpContext.ForPacket(new byte[14])));
        Assert.Equal(XdpAction.Pass, ProtocolCounter.Count(XdpContext.ForPacket(ipv6)));    // IgnoredEtherType: not counted at all

        ProtocolCount* count = ProtocolCounter.Counts.Lookup(17);
        Assert.Equal(2ul, count->Packets);
        Assert.Equal(2ul * (ulong)udp.Length, count->Bytes);
        Assert.Equal(1ul, ProtocolCounter.NotIpv4);
    }

    [Fact]
    public void Options_are_checked_and_explained_with_the_usage()
    {
        Assert.Equal((ushort)0x0806, CounterOptions.Parse(["--ignore-ethertype", "0x0806"]).IgnoredEtherType);
        Assert.Equal((ushort)0x86DD, CounterOptions.Parse(["--ignore-ethertype", "86dd"]).IgnoredEtherType);

        var unknown = Assert.Throws<ArgumentException>(() => CounterOptions.Parse(["--frobnicate"]));
        Assert.Contains("--interface <name>", unknown.Message);
        var badEtherType = Assert.Throws<ArgumentException>(() => CounterOptions.Parse(["--ignore-ethertype", "ipv6"]));
        Assert.Contains("16-bit EtherType in hex", badEtherType.Message);
    }
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using EbpfSharp.Runtime.Networking;
using EbpfSharp.TestSupport;
using FirewallSample;

namespace EbpfSharp.Samples.Tests;

public class FirewallTests
{
    [KernelFact]
    public void The_sample_drops_exactly_the_packets_sent_while_the_sender_was_blocked()
    {
        var output = new StringWriter();

        int exitCode = FirewallApp.Run([], output);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        var exchanges = Regex.Matches(text, @"(\d+) of 10 pings answered, (\d+) of 20 datagrams delivered\.").Select(match => $"{match.Groups[1]}/{match.Groups[2]}");
        Assert.Equal(["10/20", "0/0", "10/20"], exchanges);
        Assert.Matches(new Regex(@"│ 10\.199\.0\.1/32\s+│\s+30 │"), text);          // the rule's own count, while it existed
        Assert.Contains("after its rule dropped 30 packets", text);
        var drops = Regex.Matches(text, @"│ drop\s+│\s+(\d+) │").Select(match => match.Groups[1].Value);
        Assert.Equal(["0", "30", "30"], drops);                                      // per phase: none, 30, no more after unblocking
    }

    [KernelFact]
    public void On_a_named_interface_the_block_rules_drop_what_comes_from_them()
    {
        using var pair = VethPair.Create();
        var written = new StringWriter();
        var output = TextWriter.Synchronized(written);     // its methods lock the writer itself
        string Text()
        {
            lock (output)
                return written.ToString();
        }
        // The app attaches by name, so it runs where veth-b's name resolves: inside namespace B.
        var app = Task.Run(() => pair.NamespaceB.Run(() =>
            FirewallApp.Run(["--interface", pair.InterfaceB, "--block", "10.199.0.0/24", "--block", "192.0.2.1", "--seconds", "4"], output)));
        SpinWait.SpinUntil(() => Text().Contains("Attached Filter to veth-b", StringComparison.Ordinal) || app.IsCompleted, TimeSpan.FromSeconds(10));
        Assert.False(app.IsCompleted, Text());

        int delivered = pair.SendUdp(5, port: 7777, TimeSpan.FromMilliseconds(300));

        Assert.Equal(0, app.Result);
        string text = Text();
        Assert.Equal(0, delivered);
        Assert.Contains("dropping IPv4 from 10.199.0.0/24, 192.0.2.1/32", text);
        Assert.Matches(new Regex(@"│ 10\.199\.0\.0/24\s+│\s+5 │"), text);
        Assert.Matches(new Regex(@"│ 192\.0\.2\.1/32\s+│\s+0 │"), text);
        Assert.Matches(new Regex(@"│ drop\s+│\s+5 │"), text);
    }

    [Fact]
    public unsafe void The_same_program_runs_on_the_clr_with_a_rule_set_through_the_program_side_map()
    {
        Firewall.Rules.Clear();
        Firewall.Verdicts.Clear();
        var blocked = Ipv4Prefix.Parse("10.1.0.0/16");
        Assert.True(Firewall.Rules.Update(blocked, new PacketCount()));
        byte[] fromBlocked = Ipv4From(0x0A010203);      // 10.1.2.3, inside 10.1.0.0/16
        byte[] fromOther = Ipv4From(0x0A020203);        // 10.2.2.3

        // Per-CPU values: stay on one CPU so the program's Lookup and ours see the same slot.
        using var pinned = CpuAffinity.PinCurrentThread((int)Bpf.GetSmpProcessorId());
        Assert.Equal(XdpAction.Drop, Firewall.Filter(XdpContext.ForPacket(fromBlocked)));
        Assert.Equal(XdpAction.Drop, Firewall.Filter(XdpContext.ForPacket(fromBlocked)));
        Assert.Equal(XdpAction.Pass, Firewall.Filter(XdpContext.ForPacket(fromOther)));
        Assert.Equal(XdpAction.Pass, Firewall.Filter(XdpContext.ForPacket(new byte[14])));

        PacketCount* rule = Firewall.Rules.Lookup(blocked);
        Assert.Equal(2ul, rule->Packets);
        Assert.Equal(2ul * (ulong)fromBlocked.Length, rule->Bytes);
        Assert.Equal(2ul, Firewall.Verdicts.Lookup((uint)XdpAction.Drop)->Packets);
        Assert.Equal(2ul, Firewall.Verdicts.Lookup((uint)XdpAction.Pass)->Packets);

        Assert.True(Firewall.Rules.Delete(blocked));
        Assert.Equal(XdpAction.Pass, Firewall.Filter(XdpContext.ForPacket(fromBlocked)));
    }

    [Fact]
    public void A_prefix_keeps_one_convention_host_order_numbers_stored_in_network_order()
    {
        var prefix = Ipv4Prefix.Parse("10.1.2.3/24");

        Assert.Equal(24u, prefix.PrefixLength);
        Assert.Equal(0x0A010200u, prefix.Address);                    // host bits cleared; a host-order number
        Assert.Equal("10.1.2.0/24", prefix.ToString());
        Assert.Equal([24, 0, 0, 0, 10, 1, 2, 0], MemoryMarshal.AsBytes(new ReadOnlySpan<Ipv4Prefix>(in prefix)).ToArray());   // the LPM key as the kernel reads it
        Assert.Equal("192.0.2.1/32", Ipv4Prefix.Parse("192.0.2.1").ToString());
        Assert.Equal("0.0.0.0/0", Ipv4Prefix.Parse("203.0.113.9/0").ToString());
        Assert.Throws<FormatException>(() => Ipv4Prefix.Parse("10.1/8"));
        Assert.Throws<FormatException>(() => Ipv4Prefix.Parse("10.1.2.3/33"));
        Assert.Throws<FormatException>(() => Ipv4Prefix.Parse("::1/128"));
    }

    [Fact]
    public void Options_are_checked_and_explained_with_the_usage()
    {
        var options = FirewallOptions.Parse(["--interface", "eth0", "--block", "10.0.0.0/8", "--block", "192.0.2.7", "--seconds", "5"]);
        Assert.Equal(["10.0.0.0/8", "192.0.2.7/32"], options.Blocks.Select(prefix => prefix.ToString()));

        var unknown = Assert.Throws<ArgumentException>(() => FirewallOptions.Parse(["--frobnicate"]));
        Assert.Contains("--block <prefix>", unknown.Message);
        var badPrefix = Assert.Throws<ArgumentException>(() => FirewallOptions.Parse(["--interface", "eth0", "--block", "10.0.0.300"]));
        Assert.Contains("not an IPv4 address or prefix", badPrefix.Message);
        var noInterface = Assert.Throws<ArgumentException>(() => FirewallOptions.Parse(["--block", "10.0.0.1"]));
        Assert.Contains("go with --interface", noInterface.Message);
    }

    /// <summary>An Ethernet + IPv4 + UDP frame from <paramref name="source"/> (a host-order address).</summary>
    private static byte[] Ipv4From(uint source)
    {
        byte[] packet = Packets.Ipv4(new Random(9), protocol: 17);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(14 + 12), source);
        return packet;
    }
}

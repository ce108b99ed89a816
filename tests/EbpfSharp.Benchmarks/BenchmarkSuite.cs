using System.Buffers.Binary;
using EbpfSharp.Benchmarks.Programs;
using EbpfSharp.Runtime;

namespace EbpfSharp.Benchmarks;

/// <summary>The pairs the harness measures, in table order.</summary>
public static class BenchmarkSuite
{
    public static IReadOnlyList<BenchmarkPair> Pairs { get; } =
    [
        new("pass_all", typeof(PassAll), "pass_all.c", "pass_all"),
        new("ethertype_filter", typeof(EtherTypeFilter), "ethertype_filter.c", "ethertype_filter"),
        new("tcp_port_filter", typeof(TcpPortFilter), "tcp_port_filter.c", "tcp_port_filter"),
        new("ipv6_next_header", typeof(Ipv6NextHeaderFilter), "ipv6_next_header.c", "ipv6_next_header"),
        new("vlan_parser", typeof(VlanParser), "vlan_parser.c", "vlan_parser"),
        new("reflector", typeof(Reflector), "reflector.c", "reflector"),
        new("ttl_decrement", typeof(TtlDecrement), "ttl_decrement.c", "ttl_decrement"),
        new("ipv4_checksum", typeof(Ipv4ChecksumVerify), "ipv4_checksum.c", "ipv4_checksum"),
        new("udp_length", typeof(UdpLengthCheck), "udp_length.c", "udp_length"),
        new("icmp_echo", typeof(IcmpEchoResponder), "icmp_echo.c", "icmp_echo"),
        new("l4_checksum", typeof(L4ChecksumVerify), "l4_checksum.c", "l4_checksum"),
        new("dns_filter", typeof(DnsFilter), "dns_filter.c", "dns_filter"),
        new("protocol_counter", typeof(ProtocolCounter), "protocol_counter.c", "protocol_counter")
            { Maps = [new("Counts", "counts")] },
        new("source_counter", typeof(SourceCounter), "source_counter.c", "source_counter")
            { Maps = [new("Sources", "sources")] },
        new("percpu_stats", typeof(PerCpuStats), "percpu_stats.c", "percpu_stats")
            { Maps = [new("Stats", "stats")] },
        new("lpm_firewall", typeof(LpmFirewall), "lpm_firewall.c", "lpm_firewall")
            { Maps = [new("Rules", "rules") { Seed = SeedDropList }, new("Verdicts", "verdicts")] },
        new("ring_summary", typeof(RingSummary), "ring_summary.c", "ring_summary")
            { Maps = [new("Summaries", "summaries")] },
        new("nat_port_rewrite", typeof(NatPortRewrite), "nat_port_rewrite.c", "nat_port_rewrite")
            { Maps = [new("Redirects", "redirects") { Seed = SeedRedirects }] },
        new("load_balancer", typeof(LoadBalancer), "load_balancer.c", "load_balancer")
            { Maps = [new("Backends", "backends") { Seed = SeedBackends }] },
        new("rate_limiter", typeof(RateLimiter), "rate_limiter.c", "rate_limiter")
            { Maps = [new("Buckets", "buckets") { IgnoredValuePrefix = 8 }] },
        new("syscall_counter", typeof(SyscallCounter), "syscall_counter.c", "syscall_counter")
            { Kind = PairKind.RawTracepoint, Maps = [new("Calls", "calls")], Contexts = SyscallEntries() },
        new("syscall_errors", typeof(SyscallErrors), "syscall_errors.c", "syscall_errors")
            { Kind = PairKind.RawTracepoint, Maps = [new("Errors", "errors")], Contexts = SyscallResults() },
        new("openat_snoop", typeof(OpenatSnoop), "openat_snoop.c", "openat_snoop") { Kind = PairKind.LoadOnly },
        new("unlink_counter", typeof(UnlinkCounter), "unlink_counter.c", "unlink_counter") { Kind = PairKind.LoadOnly },
    ];

    /// <summary>Prefixes that cover some of the packet set's sources: one /32, /24 and /16 from its frames, and 10.0.0.0/8.</summary>
    private static void SeedDropList(BpfMap rules)
    {
        var ipv4 = PacketSet.WellFormed().Where(frame => frame.Length >= 34 && frame[12] == 0x08 && frame[13] == 0x00).ToList();
        (byte[] Frame, uint Length)[] prefixes = [(ipv4[0], 32), (ipv4[3], 24), (ipv4[8], 16), ([.. new byte[26], 10, 0, 0, 0], 8)];
        foreach (var (frame, length) in prefixes)
        {
            var key = new byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(key, length);
            frame.AsSpan(26, 4).CopyTo(key.AsSpan(4));
            rules.Update(key, new byte[16]);
        }
    }

    /// <summary>53 → 5353 and 22 → 2222 (ports in host order).</summary>
    private static void SeedRedirects(BpfMap redirects)
    {
        foreach (var (from, to) in new (ushort, ushort)[] { (53, 5353), (22, 2222) })
            redirects.Update(BitConverter.GetBytes(from), BitConverter.GetBytes(to));
    }

    /// <summary>Backends 10.0.0.1 to 10.0.0.12 (MAC 02:00:00:00:00:nn) in slots 0–11; 12–15 stay empty.</summary>
    private static void SeedBackends(BpfMap backends)
    {
        for (uint slot = 0; slot < 12; slot++)
        {
            var value = new byte[12];
            BinaryPrimitives.WriteUInt32LittleEndian(value, 0x0A000001 + slot);
            value[4] = 0x02;
            value[9] = (byte)(slot + 1);
            backends.Update(BitConverter.GetBytes(slot), value);
        }
    }

    /// <summary>sys_enter contexts (regs, id): 300 ids drawn with repeats from common syscalls and a few odd ones.</summary>
    private static List<byte[]> SyscallEntries()
    {
        var random = new Random(8);
        long[] common = [0, 1, 3, 9, 17, 39, 59, 202, 228, 231, 257, 262, 281, 435, 1023, 1024, 5000, -1];
        return [.. Enumerable.Range(0, 300).Select(_ => Arguments(0xffff_8880_0000_1000, common[random.Next(common.Length)]))];
    }

    /// <summary>sys_exit contexts (regs, result): successes, errnos in and past the 512 slots, and extremes.</summary>
    private static List<byte[]> SyscallResults()
    {
        var random = new Random(9);
        long[] special = [0, 1, 4096, -1, -2, -4, -11, -13, -22, -110, -511, -512, -513, -4095, long.MinValue, long.MaxValue, -(1L << 32) - 2];
        return [.. Enumerable.Range(0, 300).Select(i => Arguments(0, i % 3 == 0 ? special[random.Next(special.Length)] : -random.Next(0, 600)))];
    }

    private static byte[] Arguments(ulong first, long second)
    {
        var context = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(context, first);
        BinaryPrimitives.WriteInt64LittleEndian(context.AsSpan(8), second);
        return context;
    }
}

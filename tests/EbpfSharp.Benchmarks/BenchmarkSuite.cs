using EbpfSharp.Benchmarks.Programs;

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
    ];
}

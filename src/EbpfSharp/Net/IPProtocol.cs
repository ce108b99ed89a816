namespace EbpfSharp.Net;

/// <summary>
/// IP protocol numbers (IANA; the kernel's include/uapi/linux/in.h and in6.h), for
/// <see cref="IPv4Header.Protocol"/> and <see cref="IPv6Header.NextHeader"/>.
/// </summary>
public static class IPProtocol
{
    /// <summary>IPv6 hop-by-hop options (IPPROTO_HOPOPTS).</summary>
    public const byte HopByHopOptions = 0;

    /// <summary>Internet Control Message Protocol (IPPROTO_ICMP).</summary>
    public const byte Icmp = 1;

    /// <summary>Internet Group Management Protocol (IPPROTO_IGMP).</summary>
    public const byte Igmp = 2;

    /// <summary>IPv4 encapsulated in IP (IPPROTO_IPIP).</summary>
    public const byte IPv4 = 4;

    /// <summary>Transmission Control Protocol (IPPROTO_TCP).</summary>
    public const byte Tcp = 6;

    /// <summary>User Datagram Protocol (IPPROTO_UDP).</summary>
    public const byte Udp = 17;

    /// <summary>IPv6 encapsulated in IP (IPPROTO_IPV6).</summary>
    public const byte IPv6 = 41;

    /// <summary>IPv6 routing header (IPPROTO_ROUTING).</summary>
    public const byte IPv6Routing = 43;

    /// <summary>IPv6 fragment header (IPPROTO_FRAGMENT).</summary>
    public const byte IPv6Fragment = 44;

    /// <summary>Generic Routing Encapsulation (IPPROTO_GRE).</summary>
    public const byte Gre = 47;

    /// <summary>Encapsulating Security Payload (IPPROTO_ESP).</summary>
    public const byte Esp = 50;

    /// <summary>Authentication Header (IPPROTO_AH).</summary>
    public const byte AuthenticationHeader = 51;

    /// <summary>ICMP for IPv6 (IPPROTO_ICMPV6).</summary>
    public const byte Icmpv6 = 58;

    /// <summary>No next header in IPv6 (IPPROTO_NONE).</summary>
    public const byte IPv6NoNextHeader = 59;

    /// <summary>IPv6 destination options (IPPROTO_DSTOPTS).</summary>
    public const byte IPv6DestinationOptions = 60;

    /// <summary>Stream Control Transmission Protocol (IPPROTO_SCTP).</summary>
    public const byte Sctp = 132;
}

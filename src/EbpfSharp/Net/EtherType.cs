namespace EbpfSharp.Net;

/// <summary>
/// EtherType values (IEEE 802 numbers, as in the kernel's include/uapi/linux/if_ether.h), in host byte order to
/// compare with <see cref="EthernetHeader.EtherType"/> and <see cref="VlanHeader.EtherType"/>.
/// </summary>
public static class EtherType
{
    /// <summary>Internet Protocol version 4 (ETH_P_IP).</summary>
    public const ushort IPv4 = 0x0800;

    /// <summary>Address Resolution Protocol (ETH_P_ARP).</summary>
    public const ushort Arp = 0x0806;

    /// <summary>An IEEE 802.1Q VLAN tag follows (ETH_P_8021Q).</summary>
    public const ushort Vlan = 0x8100;

    /// <summary>Internet Protocol version 6 (ETH_P_IPV6).</summary>
    public const ushort IPv6 = 0x86DD;

    /// <summary>MPLS unicast (ETH_P_MPLS_UC).</summary>
    public const ushort MplsUnicast = 0x8847;

    /// <summary>MPLS multicast (ETH_P_MPLS_MC).</summary>
    public const ushort MplsMulticast = 0x8848;

    /// <summary>An IEEE 802.1ad service VLAN tag follows: the outer tag of QinQ (ETH_P_8021AD).</summary>
    public const ushort QinQ = 0x88A8;

    /// <summary>Link Layer Discovery Protocol (ETH_P_LLDP).</summary>
    public const ushort Lldp = 0x88CC;
}

using EbpfSharp.Net;

namespace EbpfSharp.Tests.Net;

public unsafe class PacketParsingTests
{
    // Ethernet + IPv4 (DF, TTL 64, TCP, 192.168.0.1 -> 192.168.0.199) + TCP SYN 40000 -> 80.
    private static readonly byte[] TcpSyn = Convert.FromHexString(
        "020000000002" + "020000000001" + "0800" +
        "4500003c1c4640004006b1e6c0a80001c0a800c7" +
        "9c400050000003e8000000006002faf0abcd0000");

    [Fact]
    public void Accessors_read_a_real_packet_in_host_order()
    {
        var ctx = XdpContext.ForPacket(TcpSyn);

        Assert.True(ctx.TryGet(0, out EthernetHeader* eth));
        Assert.Equal(EtherType.IPv4, eth->EtherType);
        Assert.Equal(0x01, eth->Source[5]);
        Assert.Equal(0x02, eth->Destination[5]);

        Assert.True(ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip));
        Assert.Equal(4, ip->Version);
        Assert.Equal(20, ip->HeaderLength);
        Assert.Equal(60, ip->TotalLength);
        Assert.Equal(0x1c46, ip->Identification);
        Assert.True(ip->DontFragment);
        Assert.False(ip->MoreFragments);
        Assert.False(ip->IsFragment);
        Assert.Equal(64, ip->Ttl);
        Assert.Equal(IPProtocol.Tcp, ip->Protocol);
        Assert.Equal(0xb1e6, ip->Checksum);
        Assert.Equal(0xC0A80001u, ip->SourceAddress);
        Assert.Equal(0xC0A800C7u, ip->DestinationAddress);

        Assert.True(ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out TcpHeader* tcp));
        Assert.Equal(40000, tcp->SourcePort);
        Assert.Equal(80, tcp->DestinationPort);
        Assert.Equal(1000u, tcp->SequenceNumber);
        Assert.Equal(24, tcp->DataOffset);
        Assert.True(tcp->IsSyn);
        Assert.False(tcp->IsAck);
        Assert.Equal(0x02, tcp->Flags);
        Assert.Equal(0xfaf0, tcp->Window);
    }

    [Fact]
    public void Setters_rewrite_the_packet_in_network_order()
    {
        var ctx = XdpContext.ForPacket(TcpSyn);
        ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip);
        ctx.TryGet(34, out TcpHeader* tcp);

        ip->Ttl--;
        tcp->DestinationPort = 8080;

        var bytes = ctx.ToArray();
        Assert.Equal(63, bytes[22]);
        Assert.Equal(new byte[] { 0x1f, 0x90 }, bytes[36..38]);
    }

    [Fact]
    public void Vlan_accessors_split_the_tag()
    {
        byte[] tag = [0xa0, 0x64, 0x08, 0x00];
        fixed (byte* t = tag)
        {
            var vlan = (VlanHeader*)t;
            Assert.Equal(100, vlan->VlanId);
            Assert.Equal(5, vlan->Priority);
            Assert.Equal(EtherType.IPv4, vlan->EtherType);
        }
    }

    [Fact]
    public void IPv6_accessors_split_the_first_word()
    {
        byte[] header = new byte[40];
        header[0] = 0x6b;
        header[1] = 0x81;
        header[2] = 0x23;
        header[3] = 0x45;
        fixed (byte* h = header)
        {
            var ip = (IPv6Header*)h;
            Assert.Equal(6, ip->Version);
            Assert.Equal(0xb8, ip->TrafficClass);
            Assert.Equal(0x12345u, ip->FlowLabel);
        }
    }

    [Fact]
    public void Icmp_echo_accessors_split_the_rest_of_the_header()
    {
        byte[] header = [8, 0, 0, 0, 0x12, 0x34, 0x00, 0x07];
        fixed (byte* h = header)
        {
            var icmp = (IcmpHeader*)h;
            Assert.Equal(0x1234, icmp->Identifier);
            Assert.Equal(7, icmp->SequenceNumber);
        }
    }
}

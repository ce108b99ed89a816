using EbpfSharp.Net;

namespace EbpfSharp.Tests.Net;

public unsafe class HeaderLayoutTests
{
    [Fact]
    public void Headers_have_their_wire_sizes()
    {
        Assert.Equal(14, sizeof(EthernetHeader));
        Assert.Equal(4, sizeof(VlanHeader));
        Assert.Equal(20, sizeof(IPv4Header));
        Assert.Equal(40, sizeof(IPv6Header));
        Assert.Equal(20, sizeof(TcpHeader));
        Assert.Equal(8, sizeof(UdpHeader));
        Assert.Equal(8, sizeof(IcmpHeader));
        Assert.Equal(4, sizeof(Icmpv6Header));
    }

    // Writes value through the setter into a zeroed header and returns the bytes: they show the field's offset and order.
    private static byte[] Written<T>(Action<nint> write) where T : unmanaged
    {
        var bytes = new byte[sizeof(T)];
        fixed (byte* b = bytes)
            write((nint)b);
        return bytes;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    [Fact]
    public void Ethernet_fields_sit_at_their_RFC_offsets_in_network_order()
    {
        Assert.Equal("00000000000000000000000086dd", Hex(Written<EthernetHeader>(p => ((EthernetHeader*)p)->EtherType = EtherType.IPv6)));
        Assert.Equal("0000000000000a00000000000000", Hex(Written<EthernetHeader>(p => ((EthernetHeader*)p)->Source[0] = 0x0a)));
        Assert.Equal("000000000007" + "0000000000000000", Hex(Written<EthernetHeader>(p => ((EthernetHeader*)p)->Destination[5] = 7)));
    }

    [Fact]
    public void Vlan_fields_sit_at_their_offsets_in_network_order()
    {
        Assert.Equal("a0640000", Hex(Written<VlanHeader>(p => ((VlanHeader*)p)->TagControl = 0xa064)));
        Assert.Equal("00000800", Hex(Written<VlanHeader>(p => ((VlanHeader*)p)->EtherType = EtherType.IPv4)));
    }

    [Theory]
    [InlineData(nameof(IPv4Header.TotalLength), "0000" + "1234" + "00000000000000000000000000000000")]
    [InlineData(nameof(IPv4Header.Identification), "00000000" + "1234" + "0000000000000000000000000000")]
    [InlineData(nameof(IPv4Header.FlagsAndFragmentOffset), "000000000000" + "1234" + "000000000000000000000000")]
    [InlineData(nameof(IPv4Header.Checksum), "00000000000000000000" + "1234" + "0000000000000000")]
    [InlineData(nameof(IPv4Header.SourceAddress), "000000000000000000000000" + "c0a80001" + "00000000")]
    [InlineData(nameof(IPv4Header.DestinationAddress), "00000000000000000000000000000000" + "c0a80001")]
    public void IPv4_fields_sit_at_their_RFC_791_offsets_in_network_order(string field, string expected)
    {
        var bytes = Written<IPv4Header>(p =>
        {
            var ip = (IPv4Header*)p;
            switch (field)
            {
                case nameof(IPv4Header.TotalLength): ip->TotalLength = 0x1234; break;
                case nameof(IPv4Header.Identification): ip->Identification = 0x1234; break;
                case nameof(IPv4Header.FlagsAndFragmentOffset): ip->FlagsAndFragmentOffset = 0x1234; break;
                case nameof(IPv4Header.Checksum): ip->Checksum = 0x1234; break;
                case nameof(IPv4Header.SourceAddress): ip->SourceAddress = 0xC0A80001; break;
                case nameof(IPv4Header.DestinationAddress): ip->DestinationAddress = 0xC0A80001; break;
            }
        });
        Assert.Equal(expected, Hex(bytes));
    }

    [Fact]
    public void IPv4_byte_fields_sit_at_their_RFC_791_offsets()
    {
        var bytes = Written<IPv4Header>(p =>
        {
            var ip = (IPv4Header*)p;
            ip->VersionAndHeaderLength = 1;
            ip->TypeOfService = 2;
            ip->Ttl = 3;
            ip->Protocol = 4;
        });
        Assert.Equal(1, bytes[0]);
        Assert.Equal(2, bytes[1]);
        Assert.Equal(3, bytes[8]);
        Assert.Equal(4, bytes[9]);
    }

    [Fact]
    public void IPv6_fields_sit_at_their_RFC_8200_offsets()
    {
        var bytes = Written<IPv6Header>(p =>
        {
            var ip = (IPv6Header*)p;
            ip->VersionClassFlow = 0x6123_4567;
            ip->PayloadLength = 0x0102;
            ip->NextHeader = IPProtocol.Udp;
            ip->HopLimit = 64;
            ip->SourceAddress[0] = 0xfe;
            ip->SourceAddress[15] = 0x01;
            ip->DestinationAddress[0] = 0xff;
            ip->DestinationAddress[15] = 0x02;
        });
        Assert.Equal("61234567" + "0102" + "11" + "40", Hex(bytes[..8]));
        Assert.Equal(0xfe, bytes[8]);
        Assert.Equal(0x01, bytes[23]);
        Assert.Equal(0xff, bytes[24]);
        Assert.Equal(0x02, bytes[39]);
    }

    [Fact]
    public void Tcp_fields_sit_at_their_RFC_9293_offsets_in_network_order()
    {
        var bytes = Written<TcpHeader>(p =>
        {
            var tcp = (TcpHeader*)p;
            tcp->SourcePort = 0x0102;
            tcp->DestinationPort = 0x0304;
            tcp->SequenceNumber = 0x05060708;
            tcp->AcknowledgmentNumber = 0x090a0b0c;
            tcp->DataOffsetAndFlags = 0x0d0e;
            tcp->Window = 0x0f10;
            tcp->Checksum = 0x1112;
            tcp->UrgentPointer = 0x1314;
        });
        Assert.Equal("0102030405060708090a0b0c0d0e0f1011121314", Hex(bytes));
    }

    [Fact]
    public void Udp_fields_sit_at_their_RFC_768_offsets_in_network_order()
    {
        var bytes = Written<UdpHeader>(p =>
        {
            var udp = (UdpHeader*)p;
            udp->SourcePort = 0x0102;
            udp->DestinationPort = 53;
            udp->Length = 0x0506;
            udp->Checksum = 0x0708;
        });
        Assert.Equal("0102003505060708", Hex(bytes));
    }

    [Fact]
    public void Icmp_fields_sit_at_their_offsets_in_network_order()
    {
        var bytes = Written<IcmpHeader>(p =>
        {
            var icmp = (IcmpHeader*)p;
            icmp->Type = 8;
            icmp->Code = 1;
            icmp->Checksum = 0x0203;
            icmp->RestOfHeader = 0x04050607;
        });
        Assert.Equal("0801020304050607", Hex(bytes));

        var v6 = Written<Icmpv6Header>(p =>
        {
            var icmp = (Icmpv6Header*)p;
            icmp->Type = 128;
            icmp->Code = 1;
            icmp->Checksum = 0x0203;
        });
        Assert.Equal("80010203", Hex(v6));
    }
}

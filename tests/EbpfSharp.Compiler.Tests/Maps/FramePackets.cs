using System.Buffers.Binary;

namespace EbpfSharp.Compiler.Tests.Maps;

/// <summary>Well-formed, unfragmented Ethernet frames with chosen fields, for tests that expect exact counts.</summary>
public static class FramePackets
{
    /// <summary>An untagged IPv4 frame with a TCP (20-byte) or UDP (8-byte) header, or 8 bytes of another protocol, then zero payload.</summary>
    public static byte[] Ipv4(byte protocol, uint source, uint destination, ushort sourcePort = 1000, ushort destinationPort = 2000,
        int payload = 16, byte tcpFlags = 0, byte ttl = 64)
    {
        int l4Length = protocol == 6 ? 20 : 8;
        var packet = new byte[14 + 20 + l4Length + payload];
        packet.AsSpan(0, 12).Fill(0x02);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12), 0x0800);
        packet[14] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(16), (ushort)(packet.Length - 14));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), 0x4000);   // don't fragment
        packet[22] = ttl;
        packet[23] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(26), source);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(30), destination);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(34), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(36), destinationPort);
        if (protocol == 6)
        {
            packet[46] = 0x50;
            packet[47] = tcpFlags;
        }
        else if (protocol == 17)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(38), (ushort)(8 + payload));
        }
        return packet;
    }

    /// <summary>An untagged IPv6 frame of 80 bytes.</summary>
    public static byte[] Ipv6()
    {
        var packet = new byte[80];
        packet.AsSpan(0, 12).Fill(0x02);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12), 0x86DD);
        packet[14] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(18), 26);
        packet[20] = 17;
        packet[21] = 64;
        return packet;
    }
}

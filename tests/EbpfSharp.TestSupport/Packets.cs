using System.Buffers.Binary;

namespace EbpfSharp.TestSupport;

/// <summary>Seeded packets for test runs: crafted Ethernet/IPv4/IPv6/UDP/TCP/ICMP frames and random bytes.</summary>
public static class Packets
{
    /// <summary><paramref name="count"/> packets from <paramref name="seed"/>: a mix of well-formed frames and noise.</summary>
    public static List<byte[]> Mixed(int seed, int count)
    {
        var random = new Random(seed);
        var packets = new List<byte[]>(count);
        for (int i = 0; i < count; i++)
        {
            packets.Add((i % 6) switch
            {
                0 => Ipv4(random, protocol: 17),
                1 => Ipv4(random, protocol: 6),
                2 => Ipv4(random, protocol: 1),
                3 => Ipv6(random, nextHeader: (byte)(random.Next(2) == 0 ? 6 : 17)),
                4 => Vlan(random),
                _ => Noise(random),
            });
        }
        return packets;
    }

    /// <summary>An Ethernet + IPv4 frame with a transport header and random payload.</summary>
    public static byte[] Ipv4(Random random, byte protocol)
    {
        int transport = protocol switch { 6 => 20, 17 => 8, _ => 8 };
        var packet = new byte[14 + 20 + transport + random.Next(0, 64)];
        random.NextBytes(packet);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12), 0x0800);
        packet[14] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(16), (ushort)(packet.Length - 14));
        packet[22] = 64;
        packet[23] = protocol;
        return packet;
    }

    /// <summary>An Ethernet + IPv6 frame.</summary>
    public static byte[] Ipv6(Random random, byte nextHeader)
    {
        var packet = new byte[14 + 40 + 20 + random.Next(0, 64)];
        random.NextBytes(packet);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12), 0x86dd);
        packet[14] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(18), (ushort)(packet.Length - 54));
        packet[20] = nextHeader;
        return packet;
    }

    /// <summary>An 802.1Q-tagged IPv4 frame.</summary>
    public static byte[] Vlan(Random random)
    {
        var inner = Ipv4(random, 17);
        var packet = new byte[inner.Length + 4];
        inner.AsSpan(0, 12).CopyTo(packet);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12), 0x8100);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(14), (ushort)random.Next(1, 4095));
        inner.AsSpan(12).CopyTo(packet.AsSpan(16));
        return packet;
    }

    /// <summary>Random bytes of random length (at least an Ethernet header).</summary>
    public static byte[] Noise(Random random)
    {
        var packet = new byte[random.Next(14, 200)];
        random.NextBytes(packet);
        return packet;
    }
}

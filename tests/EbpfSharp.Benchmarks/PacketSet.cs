using System.Buffers.Binary;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Benchmarks;

/// <summary>
/// The deterministic packets both twins must agree on: well-formed frames of every kind the programs look at
/// (with valid IPv4 and ICMP checksums, so the checksum paths are taken), their truncations down to the
/// 14 bytes XDP test runs require, broken variants, and seeded noise from <see cref="Packets.Mixed"/>.
/// </summary>
public static class PacketSet
{
    /// <summary>The well-formed frames alone: what the timings run over.</summary>
    public static List<byte[]> WellFormed(int seed = 6) => Frames(new Random(seed));

    /// <summary>The whole set the twins must agree on.</summary>
    public static List<byte[]> Build(int seed = 6)
    {
        var random = new Random(seed);
        var frames = Frames(random);
        var packets = new List<byte[]>(frames);
        foreach (var frame in frames)
        {
            // Every truncation point that crosses a header boundary, and one random one.
            foreach (int length in new[] { 14, 18, 22, 33, 34, 37, 38, 41, 42, 53, 54, random.Next(14, frame.Length) })
                if (length < frame.Length)
                    packets.Add(frame[..length]);
            packets.Add(Damaged(random, frame));
        }
        packets.AddRange(Packets.Mixed(seed, 60));
        return packets;
    }

    private static List<byte[]> Frames(Random random)
    {
        return
        [
            Ipv4(random, protocol: 6, destinationPort: 22),
            Ipv4(random, protocol: 6, destinationPort: 80),
            Ipv4(random, protocol: 6, destinationPort: 22, optionWords: 3),
            Ipv4(random, protocol: 17, destinationPort: 53),
            Ipv4(random, protocol: 17, destinationPort: 53, optionWords: 1),
            Ipv4(random, protocol: 17, destinationPort: 4789, ttl: 1),
            Ipv4(random, protocol: 17, destinationPort: 4789, ttl: 0),
            Ipv4(random, protocol: 17, destinationPort: 9, ttl: 2),
            Ipv4(random, protocol: 17, destinationPort: 53, payload: DnsQuery("www.example.com", type: 1)),
            Ipv4(random, protocol: 17, destinationPort: 53, payload: DnsQuery("example.org", type: 255)),
            Ipv4(random, protocol: 1, destinationPort: 0),
            Ipv4(random, protocol: 1, destinationPort: 0, optionWords: 10),
            Ipv4(random, protocol: 47, destinationPort: 0),
            Packets.Ipv6(random, nextHeader: 6), Packets.Ipv6(random, nextHeader: 17), Packets.Ipv6(random, nextHeader: 58), Packets.Ipv6(random, nextHeader: 0),
            Packets.Ipv6(random, nextHeader: 44),
            Vlan(Ipv4(random, protocol: 17, destinationPort: 53), 0x8100, 10),
            Vlan(Ipv4(random, protocol: 6, destinationPort: 22), 0x8100, 2000),
            Vlan(Vlan(Ipv4(random, protocol: 6, destinationPort: 443), 0x8100, 300), 0x88a8, 3000),
            Vlan(Vlan(Packets.Ipv6(random, nextHeader: 17), 0x8100, 20), 0x88a8, 7),
            Vlan(Vlan(Vlan(Ipv4(random, protocol: 17, destinationPort: 1), 0x8100, 1), 0x8100, 2), 0x8100, 3),
            Arp(random),
        ];
    }

    private static byte[] Ipv4(Random random, byte protocol, ushort destinationPort, byte ttl = 64, int optionWords = 0, byte[]? payload = null)
    {
        int headerLength = 20 + 4 * optionWords;
        int transport = protocol == 6 ? 20 : 8;
        int payloadLength = payload?.Length ?? random.Next(0, 48);
        var frame = new byte[14 + headerLength + transport + payloadLength];
        random.NextBytes(frame);
        payload?.CopyTo(frame, 14 + headerLength + transport);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);
        var ip = frame.AsSpan(14, headerLength);
        ip[0] = (byte)(0x40 | headerLength / 4);
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(headerLength + transport + payloadLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000);
        ip[8] = ttl;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip, skipWord: 5));
        var l4 = frame.AsSpan(14 + headerLength);
        switch (protocol)
        {
            case 6 or 17:
                BinaryPrimitives.WriteUInt16BigEndian(l4[2..], destinationPort);
                if (protocol == 17)
                    BinaryPrimitives.WriteUInt16BigEndian(l4[4..], (ushort)(transport + payloadLength));
                // A valid TCP/UDP checksum over the pseudo-header and the segment.
                int checksumAt = protocol == 6 ? 16 : 6;
                l4[checksumAt] = l4[checksumAt + 1] = 0;
                var pseudo = new byte[12 + l4.Length];
                ip.Slice(12, 8).CopyTo(pseudo);
                pseudo[9] = protocol;
                BinaryPrimitives.WriteUInt16BigEndian(pseudo.AsSpan(10), (ushort)l4.Length);
                l4.CopyTo(pseudo.AsSpan(12));
                ushort l4Checksum = Checksum(pseudo, skipWord: -1);
                BinaryPrimitives.WriteUInt16BigEndian(l4[checksumAt..], protocol == 17 && l4Checksum == 0 ? (ushort)0xFFFF : l4Checksum);
                break;
            case 1:
                l4[0] = 8;    // echo request
                l4[1] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(l4[2..], Checksum(l4, skipWord: 1));
                break;
        }
        return frame;
    }

    /// <summary>A DNS query with one question (recursion desired) for <paramref name="name"/>, class IN.</summary>
    private static byte[] DnsQuery(string name, ushort type)
    {
        var query = new List<byte> { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            query.Add((byte)label.Length);
            query.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        query.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]);
        return [.. query];
    }

    private static byte[] Vlan(byte[] inner, ushort tagType, ushort vlanId)
    {
        var frame = new byte[inner.Length + 4];
        inner.AsSpan(0, 12).CopyTo(frame);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), tagType);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), (ushort)(0x2000 | vlanId));
        inner.AsSpan(12).CopyTo(frame.AsSpan(16));
        return frame;
    }

    private static byte[] Arp(Random random)
    {
        var frame = new byte[42];
        random.NextBytes(frame);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0806);
        return frame;
    }

    /// <summary>One random byte changed past the Ethernet addresses: bad checksums, lengths, versions.</summary>
    private static byte[] Damaged(Random random, byte[] frame)
    {
        var copy = (byte[])frame.Clone();
        copy[random.Next(12, copy.Length)] ^= (byte)random.Next(1, 256);
        return copy;
    }

    private static ushort Checksum(ReadOnlySpan<byte> bytes, int skipWord)
    {
        ulong sum = 0;
        for (int word = 0; word * 2 + 1 < bytes.Length; word++)
            if (word != skipWord)
                sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[(word * 2)..]);
        if (bytes.Length % 2 == 1)
            sum += (ulong)bytes[^1] << 8;
        while (sum >> 16 != 0)
            sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}

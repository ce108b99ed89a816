using System.Buffers.Binary;
using System.Globalization;

namespace EbpfSharp.Compiler.Tests.Differential;

/// <summary>
/// A deterministic, seeded set of packets for differential runs: well-formed frames of every shape the corpus
/// parses, the same frames cut at every header boundary, and random bytes and mutations. Lengths 14..1500.
/// </summary>
public static class PacketCorpus
{
    public const int DefaultSeed = 20260101;
    public const string SeedVariable = "EBPFSHARP_DIFFERENTIAL_SEED";

    /// <summary>The seed: <see cref="SeedVariable"/> when set, otherwise <see cref="DefaultSeed"/>.</summary>
    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
            ? seed
            : DefaultSeed;

    public static List<byte[]> Build(int seed)
    {
        var random = new Random(seed);
        var packets = new List<byte[]>();
        var valid = new List<byte[]>();

        foreach (ushort outer in new ushort[] { 0, 0x8100, 0x88A8 })
        {
            foreach (bool ipv6 in new[] { false, true })
            {
                foreach (byte protocol in new byte[] { 6, 17, 1, 58 })
                {
                    if (protocol == 1 && ipv6 || protocol == 58 && !ipv6)
                        continue;
                    valid.Add(Frame(random, outer, ipv6, protocol, optionsWords: 0, fragment: false));
                    if (!ipv6)
                    {
                        valid.Add(Frame(random, outer, ipv6, protocol, optionsWords: random.Next(1, 11), fragment: false));
                        valid.Add(Frame(random, outer, ipv6, protocol, optionsWords: 0, fragment: true));
                    }
                }
            }
        }
        // Specific ports and types the corpus looks for.
        valid.Add(WithPort(Frame(random, 0, false, 17, 0, false), 36, 53));
        valid.Add(WithPort(Frame(random, 0, false, 6, 0, false), 36, 80));
        valid.Add(WithTcpSyn(WithPort(Frame(random, 0, false, 6, 0, false), 36, 22)));
        valid.Add(WithByte(Frame(random, 0, false, 1, 0, false), 34, 8));
        valid.Add(WithByte(Frame(random, 0, true, 58, 0, false), 54, 128));
        valid.Add(WithByte(Frame(random, 0, true, 58, 0, false), 54, 135));
        valid.Add(Arp(random));

        foreach (var frame in valid)
        {
            packets.Add(frame);
            // Truncated at every header boundary, and one byte short of each.
            foreach (int cut in new[] { 14, 18, 22, 26, 34, 38, 42, 46, 54, 58, 62, 74, 78 })
            {
                if (cut < frame.Length)
                    packets.Add(frame[..cut]);
                if (cut - 1 >= 14 && cut - 1 < frame.Length)
                    packets.Add(frame[..(cut - 1)]);
            }
        }
        int crafted = packets.Count;
        for (int i = 0; i < crafted; i++)
        {
            if (random.Next(3) != 0)
                continue;
            byte[] mutated = (byte[])packets[i].Clone();
            int flips = random.Next(1, 6);
            for (int f = 0; f < flips; f++)
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            packets.Add(mutated);
        }
        while (packets.Count < 260)
        {
            int length = random.Next(4) == 0 ? random.Next(14, 1501) : random.Next(14, 100);
            byte[] noise = new byte[length];
            random.NextBytes(noise);
            packets.Add(noise);
        }
        return packets;
    }

    private static byte[] Frame(Random random, ushort outerTag, bool ipv6, byte protocol, int optionsWords, bool fragment)
    {
        int l4Length = protocol switch { 6 => 20, 17 => 8, _ => 8 };
        int payload = random.Next(4) == 0 ? random.Next(0, 1300) : random.Next(0, 64);
        int tags = outerTag == 0 ? 0 : outerTag == 0x88A8 ? 2 : 1;
        int l3Length = ipv6 ? 40 : 20 + optionsWords * 4;
        int length = Math.Min(1500, 14 + tags * 4 + l3Length + l4Length + payload);
        byte[] packet = new byte[length];
        random.NextBytes(packet.AsSpan(0, 12));
        int offset = 12;
        if (tags >= 1)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(offset), outerTag);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(offset + 2), (ushort)random.Next(0x10000));
            offset += 4;
        }
        if (tags == 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(offset), 0x8100);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(offset + 2), (ushort)random.Next(0x10000));
            offset += 4;
        }
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(offset), ipv6 ? (ushort)0x86DD : (ushort)0x0800);
        offset += 2;
        int l3 = offset;
        int l4 = l3 + l3Length;
        int ipPayload = length - l4;
        if (ipv6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(l3), 0x60000000u | (uint)random.Next(0x100000));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(l3 + 4), (ushort)ipPayload);
            packet[l3 + 6] = protocol;
            packet[l3 + 7] = (byte)random.Next(4) switch { 0 => 0, 1 => 1, _ => 64 };
            random.NextBytes(packet.AsSpan(l3 + 8, 32));
        }
        else
        {
            packet[l3] = (byte)(0x40 | (5 + optionsWords));
            packet[l3 + 1] = (byte)random.Next(256);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(l3 + 2), (ushort)(length - l3));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(l3 + 4), (ushort)random.Next(0x10000));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(l3 + 6), fragment ? (ushort)(0x2000 | random.Next(1, 0x2000)) : (ushort)0x4000);
            packet[l3 + 8] = (byte)random.Next(4) switch { 0 => 0, 1 => 1, _ => 64 };
            packet[l3 + 9] = protocol;
            random.NextBytes(packet.AsSpan(l3 + 12, 8));
            for (int i = 0; i < optionsWords * 4; i++)
                packet[l3 + 20 + i] = i == 0 ? (byte)1 : (byte)random.Next(256);
            ushort checksum = InternetChecksum(packet.AsSpan(l3, l3Length));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(l3 + 10), random.Next(8) == 0 ? (ushort)random.Next(0x10000) : checksum);
        }
        if (l4 + l4Length <= length)
        {
            random.NextBytes(packet.AsSpan(l4, l4Length));
            if (protocol == 17)
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(l4 + 4), (ushort)ipPayload);
            if (protocol == 6)
                packet[l4 + 12] = 0x50;
            if (protocol == 1)
                packet[l4] = (byte)(random.Next(2) == 0 ? 8 : random.Next(256));
        }
        random.NextBytes(packet.AsSpan(Math.Min(length, l4 + l4Length)));
        return packet;
    }

    private static byte[] Arp(Random random)
    {
        byte[] packet = new byte[42];
        random.NextBytes(packet);
        packet[12] = 0x08;
        packet[13] = 0x06;
        return packet;
    }

    private static byte[] WithPort(byte[] packet, int offset, ushort port)
    {
        if (offset + 2 <= packet.Length)
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(offset), port);
        return packet;
    }

    private static byte[] WithTcpSyn(byte[] packet)
    {
        if (packet.Length > 47)
            packet[47] = 0x02;
        return packet;
    }

    private static byte[] WithByte(byte[] packet, int offset, byte value)
    {
        if (offset < packet.Length)
            packet[offset] = value;
        return packet;
    }

    private static ushort InternetChecksum(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < bytes.Length; i += 2)
            sum += (uint)(bytes[i] << 8 | bytes[i + 1]);
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}

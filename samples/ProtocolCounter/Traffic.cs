using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using EbpfSharp.Runtime.Networking;

namespace ProtocolCounterSample;

/// <summary>Sends known numbers of UDP, TCP and ICMP packets from namespace A to the address in namespace B.</summary>
internal static class Traffic
{
    /// <summary>A port nothing listens on in namespace B: each connection attempt is one SYN, answered by a reset.</summary>
    private const int ClosedPort = 9;

    public static int SendUdp(VethPair pair, int count) => pair.SendUdp(count, port: 7777);

    public static void SendTcpSyns(VethPair pair, int count) => pair.NamespaceA.Run(() =>
    {
        for (int i = 0; i < count; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(new IPEndPoint(pair.AddressB, ClosedPort));
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // Expected: the SYN reached B, which answered with a reset.
            }
        }
    });

    /// <summary>Sends echo requests and waits for the replies, which prove the requests crossed the pair; returns the replies seen.</summary>
    public static int SendPings(VethPair pair, int count) => pair.NamespaceA.Run(() =>
    {
        const ushort identifier = 0xeb5f;
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        var destination = new IPEndPoint(pair.AddressB, 0);
        for (ushort sequence = 1; sequence <= count; sequence++)
            socket.SendTo(EchoRequest(identifier, sequence), destination);

        // A raw ICMP socket receives whole IPv4 packets: the ICMP header follows the IP header.
        var buffer = new byte[1500];
        int replies = 0;
        long deadline = Environment.TickCount64 + 5000;
        while (replies < count && socket.Poll(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)), SelectMode.SelectRead))
        {
            int length = socket.Receive(buffer);
            int icmp = (buffer[0] & 0x0f) * 4;
            if (length >= icmp + 8 && buffer[icmp] == 0 && BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(icmp + 4)) == identifier)
                replies++;
        }
        return replies;
    });

    /// <summary>An ICMP echo request (type 8) with its checksum (RFC 792).</summary>
    private static byte[] EchoRequest(ushort identifier, ushort sequence)
    {
        var packet = new byte[8 + 12];   // header, then a 12-byte payload
        packet[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        "ebpfsharp"u8.CopyTo(packet.AsSpan(8));
        uint sum = 0;
        for (int i = 0; i < packet.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(i));
        while (sum > 0xffff)
            sum = (sum & 0xffff) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)~sum);
        return packet;
    }
}

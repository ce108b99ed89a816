using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using EbpfSharp.Runtime.Networking;

namespace PacketCounterSample;

/// <summary>
/// Sends known numbers of UDP datagrams, TCP SYNs and ICMP echo requests from namespace A to the address in
/// namespace B, with ordinary sockets (a socket belongs to the namespace of the thread that opens it, hence the
/// <see cref="NetworkNamespace.Run{T}(Func{T})"/> calls).
/// </summary>
internal static class Traffic
{
    /// <summary>A port nothing listens on in namespace B: each connection attempt is one SYN, answered by a reset.</summary>
    private const int ClosedPort = 9;

    /// <summary>Sends datagrams and returns how many reached a socket in namespace B.</summary>
    public static int SendUdp(VethPair pair, int count) => pair.SendUdp(count, port: 7777);

    /// <summary>Opens connections to a closed port: one SYN each, refused by B's reset.</summary>
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

    /// <summary>Pings B from A, one echo request at a time; returns how many were answered.</summary>
    public static int SendPings(VethPair pair, int count) => pair.NamespaceA.Run(() =>
    {
        using var ping = new Ping();
        int replies = 0;
        for (int i = 0; i < count; i++)
            if (ping.Send(pair.AddressB, timeout: 2000).Status == IPStatus.Success)
                replies++;
        return replies;
    });
}

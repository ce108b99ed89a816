using System.Net.NetworkInformation;
using EbpfSharp.Runtime.Networking;

namespace FirewallSample;

/// <summary>Traffic from namespace A to the address in namespace B, with ordinary sockets: pings and UDP datagrams.</summary>
internal static class Traffic
{
    private const int Port = 7777;

    /// <summary>
    /// Pings B from A, one echo request at a time (<paramref name="pace"/> apart), each answered or not within
    /// <paramref name="timeout"/>; returns how many were answered. <see cref="Ping"/> opens its socket on the calling
    /// thread, so it runs inside namespace A.
    /// </summary>
    public static int Ping(VethPair pair, int count, TimeSpan timeout, TimeSpan pace) => pair.NamespaceA.Run(() =>
    {
        using var ping = new Ping();
        int replies = 0;
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
                Thread.Sleep(pace);
            if (ping.Send(pair.AddressB, (int)timeout.TotalMilliseconds).Status == IPStatus.Success)
                replies++;
        }
        return replies;
    });

    /// <summary>Sends datagrams from A and returns how many reached a socket in B within <paramref name="timeout"/>.</summary>
    public static int SendUdp(VethPair pair, int count, TimeSpan timeout) => pair.SendUdp(count, Port, timeout);
}

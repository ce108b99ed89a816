using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EbpfSharp.Runtime.Networking;

/// <summary>
/// Two fresh network namespaces joined by a veth pair: <see cref="InterfaceA"/> in <see cref="NamespaceA"/>
/// with <see cref="AddressA"/>/24 and <see cref="InterfaceB"/> in <see cref="NamespaceB"/> with
/// <see cref="AddressB"/>/24, both up. Nothing touches the caller's own namespace; disposing deletes the
/// pair and drops both namespaces. For tests and samples that need real packets through an XDP program.
/// </summary>
public sealed class VethPair : IDisposable
{
    private const int PrefixLength = 24;

    private VethPair(NetworkNamespace namespaceA, NetworkNamespace namespaceB, int indexA, int indexB)
    {
        NamespaceA = namespaceA;
        NamespaceB = namespaceB;
        InterfaceIndexA = indexA;
        InterfaceIndexB = indexB;
    }

    /// <summary>The namespace of the sending side.</summary>
    public NetworkNamespace NamespaceA { get; }

    /// <summary>The namespace of the receiving side.</summary>
    public NetworkNamespace NamespaceB { get; }

    /// <summary>The interface in <see cref="NamespaceA"/>.</summary>
    public string InterfaceA => "veth-a";

    /// <summary>The interface in <see cref="NamespaceB"/>.</summary>
    public string InterfaceB => "veth-b";

    /// <summary>The ifindex of <see cref="InterfaceA"/> inside <see cref="NamespaceA"/>.</summary>
    public int InterfaceIndexA { get; }

    /// <summary>The ifindex of <see cref="InterfaceB"/> inside <see cref="NamespaceB"/>.</summary>
    public int InterfaceIndexB { get; }

    /// <summary>The address of <see cref="InterfaceA"/> (a /24 private to these namespaces).</summary>
    public IPAddress AddressA { get; } = IPAddress.Parse("10.199.0.1");

    /// <summary>The address of <see cref="InterfaceB"/>.</summary>
    public IPAddress AddressB { get; } = IPAddress.Parse("10.199.0.2");

    /// <summary>Creates both namespaces and the pair, with addresses, all up.</summary>
    public static VethPair Create()
    {
        var namespaceA = NetworkNamespace.Create();
        NetworkNamespace? namespaceB = null;
        try
        {
            namespaceB = NetworkNamespace.Create();
            var b = namespaceB;
            var addressA = IPAddress.Parse("10.199.0.1");
            var addressB = IPAddress.Parse("10.199.0.2");
            int indexA = namespaceA.Run(() =>
            {
                using var netlink = RouteNetlinkSocket.Open();
                netlink.CreateVethPair("veth-a", "veth-b", b);
                netlink.AddIPv4Address("veth-a", addressA, PrefixLength);
                netlink.SetLinkUp("veth-a");
                return netlink.GetInterfaceIndex("veth-a");
            });
            int indexB = namespaceB.Run(() =>
            {
                using var netlink = RouteNetlinkSocket.Open();
                netlink.AddIPv4Address("veth-b", addressB, PrefixLength);
                netlink.SetLinkUp("veth-b");
                return netlink.GetInterfaceIndex("veth-b");
            });
            return new VethPair(namespaceA, namespaceB, indexA, indexB);
        }
        catch
        {
            namespaceB?.Dispose();
            namespaceA.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Attaches an XDP program to <see cref="InterfaceB"/>, from inside <see cref="NamespaceB"/> where the
    /// interface name resolves. The returned link works from any thread.
    /// </summary>
    public BpfLink AttachXdp(BpfProgram program, XdpAttachMode mode = XdpAttachMode.Default)
    {
        ArgumentNullException.ThrowIfNull(program);
        return NamespaceB.Run(() => program.AttachXdp(InterfaceB, mode));
    }

    /// <summary>
    /// Sends <paramref name="count"/> UDP datagrams from <see cref="AddressA"/> to <see cref="AddressB"/>:<paramref name="port"/>
    /// and waits, up to <paramref name="timeout"/> (default 5 s), until a socket in <see cref="NamespaceB"/> has
    /// received them all. Returns how many arrived; fewer than sent means something (an XDP program) dropped some.
    /// </summary>
    public int SendUdp(int count, int port, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        // A socket stays in the namespace of the thread that created it; both are then used from here.
        using var receiver = NamespaceB.Run(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(AddressB, port));
            return socket;
        });
        using var sender = NamespaceA.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        var destination = new IPEndPoint(AddressB, port);
        for (int i = 0; i < count; i++)
            sender.SendTo(Encoding.ASCII.GetBytes($"ebpfsharp datagram {i}"), destination);

        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        var buffer = new byte[2048];
        int received = 0;
        while (received < count)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || !receiver.Poll(remaining, SelectMode.SelectRead))
                break;
            receiver.Receive(buffer);
            received++;
        }
        return received;
    }

    /// <summary>Deletes the pair and drops both namespaces.</summary>
    public void Dispose()
    {
        try
        {
            // Deleting one end removes both at once; closing the namespaces alone would leave it to the kernel's asynchronous cleanup.
            if (!NamespaceA.Handle.IsClosed)
                NamespaceA.Run(() =>
                {
                    using var netlink = RouteNetlinkSocket.Open();
                    netlink.DeleteLink(InterfaceA);
                });
        }
        catch (BpfException)
        {
            // Already gone: the namespaces' disposal below is what matters.
        }
        finally
        {
            NamespaceA.Dispose();
            NamespaceB.Dispose();
        }
    }
}

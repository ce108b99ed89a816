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
    private const string NameA = "veth-a";
    private const string NameB = "veth-b";
    private static readonly IPAddress DefaultAddressA = IPAddress.Parse("10.199.0.1");
    private static readonly IPAddress DefaultAddressB = IPAddress.Parse("10.199.0.2");

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
    public string InterfaceA => NameA;

    /// <summary>The interface in <see cref="NamespaceB"/>.</summary>
    public string InterfaceB => NameB;

    /// <summary>The ifindex of <see cref="InterfaceA"/> inside <see cref="NamespaceA"/>.</summary>
    public int InterfaceIndexA { get; }

    /// <summary>The ifindex of <see cref="InterfaceB"/> inside <see cref="NamespaceB"/>.</summary>
    public int InterfaceIndexB { get; }

    /// <summary>The address of <see cref="InterfaceA"/> (a /24 private to these namespaces).</summary>
    public IPAddress AddressA => DefaultAddressA;

    /// <summary>The address of <see cref="InterfaceB"/>.</summary>
    public IPAddress AddressB => DefaultAddressB;

    /// <summary>Creates both namespaces and the pair, with addresses, all up.</summary>
    public static VethPair Create()
    {
        var namespaceA = NetworkNamespace.Create();
        NetworkNamespace? namespaceB = null;
        try
        {
            namespaceB = NetworkNamespace.Create();
            var peerNamespace = namespaceB;
            int indexA = namespaceA.Run(() => Configure(NameA, DefaultAddressA, peerNamespace));
            int indexB = namespaceB.Run(() => Configure(NameB, DefaultAddressB, peerNamespace: null));
            return new VethPair(namespaceA, namespaceB, indexA, indexB);
        }
        catch
        {
            namespaceB?.Dispose();
            namespaceA.Dispose();
            throw;
        }
    }

    // Runs inside the interface's namespace; creates the pair first when the peer's namespace is given.
    private static int Configure(string name, IPAddress address, NetworkNamespace? peerNamespace)
    {
        using var netlink = RouteNetlinkSocket.Open();
        if (peerNamespace is not null)
            netlink.CreateVethPair(NameA, NameB, peerNamespace);
        netlink.AddIPv4Address(name, address, PrefixLength);
        netlink.SetLinkUp(name);
        return netlink.GetInterfaceIndex(name);
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
    /// Attaches a generated class's XDP program to <see cref="InterfaceB"/> (from inside <see cref="NamespaceB"/>);
    /// the link is also detached when the program's loaded object is disposed.
    /// </summary>
    public BpfLink AttachXdp(XdpProgram program, XdpAttachMode mode = XdpAttachMode.Default)
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
            try
            {
                BindSoon(socket, new IPEndPoint(AddressB, port));
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        });
        using var sender = NamespaceA.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        var destination = new IPEndPoint(AddressB, port);
        for (int i = 0; i < count; i++)
            sender.SendTo(Encoding.ASCII.GetBytes($"ebpfsharp datagram {i}"), destination);

        long deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds;
        var buffer = new byte[2048];
        int received = 0;
        while (received < count)
        {
            long remaining = deadline - Environment.TickCount64;
            if (remaining <= 0 || !receiver.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectRead))
                break;
            receiver.Receive(buffer);
            received++;
        }
        return received;
    }

    /// <summary>
    /// Binds, retrying for up to half a second while the port is in use: a socket closed on this port a moment ago
    /// lives on while a process another thread is starting holds a copy of its descriptor (from fork until exec).
    /// </summary>
    private static void BindSoon(Socket socket, IPEndPoint endPoint)
    {
        long deadline = Environment.TickCount64 + 500;
        while (true)
        {
            try
            {
                socket.Bind(endPoint);
                return;
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(5);
            }
        }
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

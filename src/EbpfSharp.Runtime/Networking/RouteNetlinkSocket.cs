using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using EbpfSharp.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace EbpfSharp.Runtime.Networking;

/// <summary>
/// A small rtnetlink (NETLINK_ROUTE) client for test and sample networks: veth pairs, link state, IPv4
/// addresses. A netlink socket belongs to the network namespace of the thread that opened it, so open it
/// inside <see cref="NetworkNamespace.Run{T}(Func{T})"/> to configure that namespace; every name is then
/// resolved there, whichever thread later calls.
/// </summary>
public sealed unsafe class RouteNetlinkSocket : IDisposable
{
    // kernel: include/uapi/linux/netlink.h, rtnetlink.h, if_link.h, veth.h, if_addr.h, socket.h
    private const int AddressFamilyNetlink = 16;          // AF_NETLINK
    private const int SocketRaw = 3;                      // SOCK_RAW
    private const int SocketCloseOnExec = 0x80000;        // SOCK_CLOEXEC
    private const int ProtocolRoute = 0;                  // NETLINK_ROUTE
    private const int SolNetlink = 270;                   // SOL_NETLINK
    private const int OptionCapAck = 10;                  // NETLINK_CAP_ACK: errors do not echo the request
    private const int OptionExtendedAck = 11;             // NETLINK_EXT_ACK: errors carry the kernel's message
    private const ushort FlagRequest = 0x1, FlagAck = 0x4, FlagExclusive = 0x200, FlagCreate = 0x400;
    private const ushort FlagAckTlvs = 0x200;             // NLM_F_ACK_TLVS, on an NLMSG_ERROR reply
    private const ushort MessageError = 2;                // NLMSG_ERROR
    private const ushort NewLinkMessage = 16, DeleteLinkMessage = 17, GetLinkMessage = 18, NewAddressMessage = 20;   // RTM_*
    private const ushort InterfaceName = 3, LinkInfo = 18, NetworkNamespaceFd = 28;    // IFLA_*
    private const ushort InfoKind = 1, InfoData = 2, VethPeer = 1;                      // IFLA_INFO_*, VETH_INFO_PEER
    private const ushort AddressAttribute = 1, LocalAttribute = 2;                      // IFA_ADDRESS, IFA_LOCAL
    private const ushort ErrorMessageAttribute = 1;                                     // NLMSGERR_ATTR_MSG
    private const uint InterfaceUp = 0x1;                                               // IFF_UP

    private readonly SafeFileHandle _socket;
    private readonly Lock _exchange = new();
    private uint _sequence;

    private RouteNetlinkSocket(SafeFileHandle socket) => _socket = socket;

    /// <summary>Opens a NETLINK_ROUTE socket in the calling thread's network namespace.</summary>
    public static RouteNetlinkSocket Open()
    {
        int fd = LibC.Socket(AddressFamilyNetlink, SocketRaw | SocketCloseOnExec, ProtocolRoute);
        if (fd < 0)
            throw Failure(Marshal.GetLastPInvokeError(), "Opening a NETLINK_ROUTE socket", null);
        var socket = new SafeFileHandle(fd, ownsHandle: true);
        int enabled = 1;
        // Both options are best effort: without them errors simply come without the kernel's text.
        LibC.SetSocketOption(fd, SolNetlink, OptionCapAck, &enabled, sizeof(int));
        LibC.SetSocketOption(fd, SolNetlink, OptionExtendedAck, &enabled, sizeof(int));
        return new RouteNetlinkSocket(socket);
    }

    /// <summary>
    /// Creates a veth pair: <paramref name="name"/> in this socket's namespace and <paramref name="peerName"/>
    /// in <paramref name="peerNamespace"/> (or here when null). Both start down.
    /// </summary>
    public void CreateVethPair(string name, string peerName, NetworkNamespace? peerNamespace = null)
    {
        RequireInterfaceName(name);
        RequireInterfaceName(peerName);
        bool added = false;
        peerNamespace?.Handle.DangerousAddRef(ref added);
        try
        {
            var request = new NetlinkRequest(NewLinkMessage, FlagRequest | FlagAck | FlagCreate | FlagExclusive)
                .Header(new InterfaceInfoMessage())
                .Attribute(InterfaceName, name)
                .BeginNested(LinkInfo)
                    .Attribute(InfoKind, "veth")
                    .BeginNested(InfoData)
                        .BeginNested(VethPeer)
                            .Header(new InterfaceInfoMessage());
            request.Attribute(InterfaceName, peerName);
            if (peerNamespace is not null)
                request.Attribute(NetworkNamespaceFd, (uint)peerNamespace.Handle.DangerousGetHandle());
            request.EndNested().EndNested().EndNested();
            Exchange(request, $"Creating veth pair {name} <-> {peerName}", name);
        }
        finally
        {
            if (added)
                peerNamespace!.Handle.DangerousRelease();
        }
    }

    /// <summary>The index of interface <paramref name="name"/> in this socket's namespace.</summary>
    /// <exception cref="BpfNotFoundException">There is no such interface.</exception>
    public int GetInterfaceIndex(string name)
    {
        RequireInterfaceName(name);
        var request = new NetlinkRequest(GetLinkMessage, FlagRequest).Header(new InterfaceInfoMessage()).Attribute(InterfaceName, name);
        var reply = Exchange(request, $"Looking up interface {name}", name);
        // RTM_NEWLINK reply: nlmsghdr, then ifinfomsg with ifi_index at offset 4.
        return BinaryPrimitives.ReadInt32LittleEndian(reply.AsSpan(NetlinkRequest.HeaderSize + 4));
    }

    /// <summary>Sets interface <paramref name="name"/> up (IFF_UP).</summary>
    public void SetLinkUp(string name)
    {
        RequireInterfaceName(name);
        var request = new NetlinkRequest(NewLinkMessage, FlagRequest | FlagAck)
            .Header(new InterfaceInfoMessage { Flags = InterfaceUp, ChangeMask = InterfaceUp })
            .Attribute(InterfaceName, name);
        Exchange(request, $"Setting {name} up", name);
    }

    /// <summary>Adds IPv4 <paramref name="address"/>/<paramref name="prefixLength"/> to interface <paramref name="name"/>.</summary>
    public void AddIPv4Address(string name, IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"{address} is not an IPv4 address.", nameof(address));
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 32);
        int index = GetInterfaceIndex(name);
        var bytes = address.GetAddressBytes();
        var request = new NetlinkRequest(NewAddressMessage, FlagRequest | FlagAck | FlagCreate | FlagExclusive)
            .Header(new InterfaceAddressMessage { Family = (byte)AddressFamily.InterNetwork, PrefixLength = (byte)prefixLength, Index = (uint)index })
            .Attribute(LocalAttribute, bytes)
            .Attribute(AddressAttribute, bytes);
        Exchange(request, $"Adding {address}/{prefixLength} to {name}", name);
    }

    /// <summary>Deletes interface <paramref name="name"/> (for a veth, both ends).</summary>
    public void DeleteLink(string name)
    {
        RequireInterfaceName(name);
        var request = new NetlinkRequest(DeleteLinkMessage, FlagRequest | FlagAck).Header(new InterfaceInfoMessage()).Attribute(InterfaceName, name);
        Exchange(request, $"Deleting {name}", name);
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();

    // Sends one request and returns the first reply with its sequence number; an NLMSG_ERROR with code 0 is the ACK.
    private byte[] Exchange(NetlinkRequest request, string operation, string interfaceName)
    {
        bool added = false;
        _socket.DangerousAddRef(ref added);
        try
        {
            lock (_exchange)
            {
                int fd = (int)_socket.DangerousGetHandle();
                uint sequence = ++_sequence;
                var message = request.ToArray(sequence);
                if (Send(fd, message) < 0)
                    throw Failure(Marshal.GetLastPInvokeError(), operation, interfaceName);
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    nint received = Receive(fd, buffer);
                    if (received < 0)
                        throw Failure(Marshal.GetLastPInvokeError(), operation, interfaceName);
                    for (int offset = 0; offset + NetlinkRequest.HeaderSize <= received;)
                    {
                        var span = buffer.AsSpan(offset, (int)received - offset);
                        int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span);
                        if (length < NetlinkRequest.HeaderSize || length > span.Length)
                            break;
                        if (BinaryPrimitives.ReadUInt32LittleEndian(span[8..]) == sequence)
                            return CheckReply(span[..length], operation, interfaceName);
                        offset += (length + 3) & ~3;
                    }
                }
            }
        }
        finally
        {
            if (added)
                _socket.DangerousRelease();
        }
    }

    private static byte[] CheckReply(ReadOnlySpan<byte> reply, string operation, string interfaceName)
    {
        if (BinaryPrimitives.ReadUInt16LittleEndian(reply[4..]) != MessageError)
            return reply.ToArray();
        int error = BinaryPrimitives.ReadInt32LittleEndian(reply[NetlinkRequest.HeaderSize..]);
        if (error == 0)
            return reply.ToArray();
        string? kernelMessage = null;
        if ((BinaryPrimitives.ReadUInt16LittleEndian(reply[6..]) & FlagAckTlvs) != 0)
            kernelMessage = ExtendedAckMessage(reply[(NetlinkRequest.HeaderSize + 4 + NetlinkRequest.HeaderSize)..]);
        throw Failure(-error, kernelMessage is null ? operation : $"{operation} (kernel: \"{kernelMessage}\")", interfaceName);
    }

    private static string? ExtendedAckMessage(ReadOnlySpan<byte> attributes)
    {
        while (attributes.Length >= 4)
        {
            int length = BinaryPrimitives.ReadUInt16LittleEndian(attributes);
            int type = BinaryPrimitives.ReadUInt16LittleEndian(attributes[2..]);
            if (length < 4 || length > attributes.Length)
                return null;
            if (type == ErrorMessageAttribute)
                return Encoding.UTF8.GetString(attributes[4..length]).TrimEnd('\0');
            attributes = attributes[Math.Min(attributes.Length, (length + 3) & ~3)..];
        }
        return null;
    }

    private static nint Send(int fd, byte[] message)
    {
        fixed (byte* pointer = message)
        {
            nint result;
            do
                result = LibC.Send(fd, pointer, (nuint)message.Length, 0);
            while (result < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);
            return result;
        }
    }

    private static nint Receive(int fd, byte[] buffer)
    {
        fixed (byte* pointer = buffer)
        {
            nint result;
            do
                result = LibC.Receive(fd, pointer, (nuint)buffer.Length, 0);
            while (result < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);
            return result;
        }
    }

    private static void RequireInterfaceName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Encoding.UTF8.GetByteCount(name) >= LibC.InterfaceNameSize || name.Contains('/') || name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"'{name}' is not a valid interface name: at most 15 bytes, without '/' or spaces.", nameof(name));
    }

    private static BpfException Failure(int errno, string operation, string? interfaceName) => errno switch
    {
        Errno.EPERM or Errno.EACCES => new BpfPermissionException($"{operation} failed with {Errno.Name(errno)}: configuring interfaces needs root or CAP_NET_ADMIN.", errno),
        Errno.EEXIST => new BpfConflictException($"{operation} failed: {(interfaceName is null ? "it" : $"'{interfaceName}'")} already exists in this network namespace.", errno),
        Errno.ENODEV => new BpfNotFoundException($"{operation} failed: there is no interface '{interfaceName}' in this network namespace.", errno),
        Errno.EOPNOTSUPP => new BpfNotSupportedException($"{operation} failed with EOPNOTSUPP: the kernel lacks the driver (for veth, CONFIG_VETH).", errno),
        _ => BpfErrors.FromErrno(errno, $"{operation} failed with {Errno.Name(errno)}"),
    };
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EbpfSharp.Net;

/// <summary>
/// The common 4 bytes of every ICMPv6 message (RFC 4443; the first fields of the kernel's <c>struct icmp6hdr</c>);
/// the message body follows. See <see cref="EthernetHeader"/> for the accessor conventions.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct Icmpv6Header
{
    /// <summary>The message type (128 echo request, 129 echo reply, 135 neighbor solicitation, …).</summary>
    public byte Type;

    /// <summary>The subtype of <see cref="Type"/>.</summary>
    public byte Code;

    private ushort _checksum;

    /// <summary>The checksum over the pseudo-header and message, in host order.</summary>
    public ushort Checksum
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_checksum);
        set => _checksum = BinaryPrimitives.ReverseEndianness(value);
    }
}

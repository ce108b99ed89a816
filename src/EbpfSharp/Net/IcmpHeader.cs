using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EbpfSharp.Net;

/// <summary>
/// An ICMP header for IPv4 (RFC 792; the kernel's <c>struct icmphdr</c>), 8 bytes as on the wire. See
/// <see cref="EthernetHeader"/> for the accessor conventions.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct IcmpHeader
{
    /// <summary>The message type (8 echo request, 0 echo reply, 3 destination unreachable, 11 time exceeded, …).</summary>
    public byte Type;

    /// <summary>The subtype of <see cref="Type"/>.</summary>
    public byte Code;

    private ushort _checksum;
    private uint _restOfHeader;

    /// <summary>The checksum over the ICMP message, in host order.</summary>
    public ushort Checksum
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_checksum);
        set => _checksum = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The four type-specific bytes as a host-order number (for echo: identifier, then sequence number).</summary>
    public uint RestOfHeader
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_restOfHeader);
        set => _restOfHeader = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>An echo message's identifier: the high 16 bits of <see cref="RestOfHeader"/>.</summary>
    public readonly ushort Identifier => (ushort)(BinaryPrimitives.ReverseEndianness(_restOfHeader) >> 16);

    /// <summary>An echo message's sequence number: the low 16 bits of <see cref="RestOfHeader"/>.</summary>
    public readonly ushort SequenceNumber => (ushort)BinaryPrimitives.ReverseEndianness(_restOfHeader);
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EbpfSharp.Net;

/// <summary>
/// An IPv6 header (RFC 8200; the kernel's <c>struct ipv6hdr</c>), 40 bytes as on the wire. Extension headers
/// follow it. See <see cref="EthernetHeader"/> for the accessor conventions.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct IPv6Header
{
    private uint _versionClassFlow;
    private ushort _payloadLength;

    /// <summary>The type of the header after this one (<see cref="IPProtocol"/>).</summary>
    public byte NextHeader;

    /// <summary>The hop limit: routers decrement it and drop the packet at 0.</summary>
    public byte HopLimit;

    /// <summary>The source address, in network byte order.</summary>
    public fixed byte SourceAddress[16];

    /// <summary>The destination address, in network byte order.</summary>
    public fixed byte DestinationAddress[16];

    /// <summary>The version (4 bits, 6), traffic class (8 bits) and flow label (20 bits).</summary>
    public uint VersionClassFlow
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_versionClassFlow);
        set => _versionClassFlow = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The length in bytes of what follows this header, extension headers included.</summary>
    public ushort PayloadLength
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_payloadLength);
        set => _payloadLength = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The IP version from the top 4 bits: 6 for a valid header.</summary>
    public readonly byte Version => (byte)(BinaryPrimitives.ReverseEndianness(_versionClassFlow) >> 28);

    /// <summary>The traffic class: DSCP (high 6 bits) and ECN (low 2 bits).</summary>
    public readonly byte TrafficClass => (byte)(BinaryPrimitives.ReverseEndianness(_versionClassFlow) >> 20);

    /// <summary>The 20-bit flow label.</summary>
    public readonly uint FlowLabel => BinaryPrimitives.ReverseEndianness(_versionClassFlow) & 0xFFFFF;
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EbpfSharp.Net;

/// <summary>
/// An IPv4 header without options (RFC 791; the kernel's <c>struct iphdr</c>), 20 bytes as on the wire. Options,
/// when <see cref="HeaderLength"/> is over 20, follow it. See <see cref="EthernetHeader"/> for the accessor
/// conventions; addresses read as host-order numbers (192.168.0.1 is <c>0xC0A80001</c>).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct IPv4Header
{
    /// <summary>The version (high 4 bits, 4) and the header length in 32-bit words (low 4 bits, IHL).</summary>
    public byte VersionAndHeaderLength;

    /// <summary>The type of service byte: DSCP (high 6 bits) and ECN (low 2 bits).</summary>
    public byte TypeOfService;

    private ushort _totalLength;
    private ushort _identification;
    private ushort _flagsAndFragmentOffset;

    /// <summary>Time to live: routers decrement it and drop the packet at 0.</summary>
    public byte Ttl;

    /// <summary>The protocol of the payload (<see cref="IPProtocol"/>).</summary>
    public byte Protocol;

    private ushort _checksum;
    private uint _sourceAddress;
    private uint _destinationAddress;

    /// <summary>The length of the header and payload in bytes.</summary>
    public ushort TotalLength
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_totalLength);
        set => _totalLength = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The identification shared by the fragments of one datagram.</summary>
    public ushort Identification
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_identification);
        set => _identification = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The flags (high 3 bits: reserved, don't fragment, more fragments) and the fragment offset in 8-byte units (low 13 bits).</summary>
    public ushort FlagsAndFragmentOffset
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_flagsAndFragmentOffset);
        set => _flagsAndFragmentOffset = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The header checksum, in host order (ones'-complement arithmetic gives the same result in either order when used consistently).</summary>
    public ushort Checksum
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_checksum);
        set => _checksum = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The source address as a host-order number.</summary>
    public uint SourceAddress
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_sourceAddress);
        set => _sourceAddress = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The destination address as a host-order number.</summary>
    public uint DestinationAddress
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_destinationAddress);
        set => _destinationAddress = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The IP version from the high 4 bits of <see cref="VersionAndHeaderLength"/>: 4 for a valid header.</summary>
    public readonly byte Version => (byte)(VersionAndHeaderLength >> 4);

    /// <summary>The header length in bytes (IHL × 4): 20 without options, at most 60.</summary>
    public readonly int HeaderLength => (VersionAndHeaderLength & 0x0F) << 2;

    /// <summary>Whether the don't-fragment flag is set.</summary>
    public readonly bool DontFragment => (BinaryPrimitives.ReverseEndianness(_flagsAndFragmentOffset) & 0x4000) != 0;

    /// <summary>Whether more fragments follow this one.</summary>
    public readonly bool MoreFragments => (BinaryPrimitives.ReverseEndianness(_flagsAndFragmentOffset) & 0x2000) != 0;

    /// <summary>Whether this is a fragment: more fragments follow or the offset is not 0.</summary>
    public readonly bool IsFragment => (BinaryPrimitives.ReverseEndianness(_flagsAndFragmentOffset) & 0x3FFF) != 0;
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EbpfSharp.Net;

/// <summary>
/// A UDP header (RFC 768; the kernel's <c>struct udphdr</c>), 8 bytes as on the wire. See
/// <see cref="EthernetHeader"/> for the accessor conventions.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct UdpHeader
{
    private ushort _sourcePort;
    private ushort _destinationPort;
    private ushort _length;
    private ushort _checksum;

    /// <summary>The sender's port.</summary>
    public ushort SourcePort
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_sourcePort);
        set => _sourcePort = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The receiver's port.</summary>
    public ushort DestinationPort
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_destinationPort);
        set => _destinationPort = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The length in bytes of the header and data.</summary>
    public ushort Length
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_length);
        set => _length = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The checksum over the pseudo-header, header and data, in host order; 0 over IPv4 means none.</summary>
    public ushort Checksum
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_checksum);
        set => _checksum = BinaryPrimitives.ReverseEndianness(value);
    }
}

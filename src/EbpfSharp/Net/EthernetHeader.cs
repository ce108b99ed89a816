using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EbpfSharp.Net;

/// <summary>
/// An Ethernet II header (IEEE 802.3; the kernel's <c>struct ethhdr</c>), 14 bytes as on the wire.
/// </summary>
/// <remarks>
/// Like every header in <see cref="N:EbpfSharp.Net"/>: byte-sized and byte-array fields are public fields,
/// multi-byte numbers are properties that read and write the wire's network byte order as host-order values, so
/// <c>eth-&gt;EtherType == EtherType.IPv4</c> needs no swapping and assignments rewrite the packet. Programs
/// compile these accessors to loads, stores and byte swaps.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct EthernetHeader
{
    /// <summary>The destination MAC address.</summary>
    public fixed byte Destination[6];

    /// <summary>The source MAC address.</summary>
    public fixed byte Source[6];

    private ushort _etherType;

    /// <summary>What follows the header (<see cref="Net.EtherType"/>), or the payload length when at most 1500.</summary>
    public ushort EtherType
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_etherType);
        set => _etherType = BinaryPrimitives.ReverseEndianness(value);
    }
}

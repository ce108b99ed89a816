using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EbpfSharp.Net;

/// <summary>
/// The 4 bytes an IEEE 802.1Q (or 802.1ad) tag adds after <see cref="EthernetHeader"/> when its
/// <see cref="EthernetHeader.EtherType"/> is <see cref="Net.EtherType.Vlan"/> or <see cref="Net.EtherType.QinQ"/>
/// (the kernel's <c>struct vlan_hdr</c>). See <see cref="EthernetHeader"/> for the accessor conventions.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct VlanHeader
{
    private ushort _tagControl;
    private ushort _etherType;

    /// <summary>The tag control information: priority (3 bits), drop eligible (1 bit), VLAN id (12 bits).</summary>
    public ushort TagControl
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_tagControl);
        set => _tagControl = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>What follows the tag (<see cref="Net.EtherType"/>).</summary>
    public ushort EtherType
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_etherType);
        set => _etherType = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The VLAN id: the low 12 bits of <see cref="TagControl"/>.</summary>
    public readonly ushort VlanId => (ushort)(BinaryPrimitives.ReverseEndianness(_tagControl) & 0x0FFF);

    /// <summary>The priority code point: the top 3 bits of <see cref="TagControl"/>.</summary>
    public readonly byte Priority => (byte)(BinaryPrimitives.ReverseEndianness(_tagControl) >> 13);
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EbpfSharp.Net;

/// <summary>
/// A TCP header without options (RFC 9293; the kernel's <c>struct tcphdr</c>), 20 bytes as on the wire. Options,
/// when <see cref="DataOffset"/> is over 20, follow it. See <see cref="EthernetHeader"/> for the accessor conventions.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct TcpHeader
{
    // kernel: include/net/tcp.h, TCPHDR_FIN .. TCPHDR_CWR: the low byte of DataOffsetAndFlags.
    private const int Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10, Urg = 0x20, Ece = 0x40, Cwr = 0x80;

    private ushort _sourcePort;
    private ushort _destinationPort;
    private uint _sequenceNumber;
    private uint _acknowledgmentNumber;
    private ushort _dataOffsetAndFlags;
    private ushort _window;
    private ushort _checksum;
    private ushort _urgentPointer;

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

    /// <summary>The sequence number of the first data byte.</summary>
    public uint SequenceNumber
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_sequenceNumber);
        set => _sequenceNumber = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The next sequence number the sender expects, when <see cref="IsAck"/>.</summary>
    public uint AcknowledgmentNumber
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_acknowledgmentNumber);
        set => _acknowledgmentNumber = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The data offset in 32-bit words (high 4 bits), reserved bits, and the flags (low 8 bits: CWR ECE URG ACK PSH RST SYN FIN).</summary>
    public ushort DataOffsetAndFlags
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_dataOffsetAndFlags);
        set => _dataOffsetAndFlags = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The receive window.</summary>
    public ushort Window
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_window);
        set => _window = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The checksum over the pseudo-header, header and data, in host order.</summary>
    public ushort Checksum
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_checksum);
        set => _checksum = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The urgent pointer, when <see cref="IsUrg"/>.</summary>
    public ushort UrgentPointer
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_urgentPointer);
        set => _urgentPointer = BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>The header length in bytes (data offset × 4): 20 without options, at most 60.</summary>
    public readonly int DataOffset => (BinaryPrimitives.ReverseEndianness(_dataOffsetAndFlags) >> 12) << 2;

    /// <summary>The eight flag bits (CWR ECE URG ACK PSH RST SYN FIN, high to low).</summary>
    public readonly byte Flags => (byte)BinaryPrimitives.ReverseEndianness(_dataOffsetAndFlags);

    /// <summary>FIN: the sender has finished sending.</summary>
    public readonly bool IsFin => (Flags & Fin) != 0;

    /// <summary>SYN: synchronize sequence numbers (opening a connection).</summary>
    public readonly bool IsSyn => (Flags & Syn) != 0;

    /// <summary>RST: reset the connection.</summary>
    public readonly bool IsRst => (Flags & Rst) != 0;

    /// <summary>PSH: push the data to the application.</summary>
    public readonly bool IsPsh => (Flags & Psh) != 0;

    /// <summary>ACK: <see cref="AcknowledgmentNumber"/> is valid.</summary>
    public readonly bool IsAck => (Flags & Ack) != 0;

    /// <summary>URG: <see cref="UrgentPointer"/> is valid.</summary>
    public readonly bool IsUrg => (Flags & Urg) != 0;

    /// <summary>ECE: ECN echo.</summary>
    public readonly bool IsEce => (Flags & Ece) != 0;

    /// <summary>CWR: congestion window reduced.</summary>
    public readonly bool IsCwr => (Flags & Cwr) != 0;
}

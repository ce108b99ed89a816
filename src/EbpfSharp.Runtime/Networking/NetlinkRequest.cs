using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace EbpfSharp.Runtime.Networking;

/// <summary>
/// Builds one netlink message: the 16-byte nlmsghdr, a fixed family header (ifinfomsg, ifaddrmsg), then
/// type-length-value attributes, each padded to 4 bytes, nested ones carrying NLA_F_NESTED
/// (kernel: include/uapi/linux/netlink.h).
/// </summary>
internal sealed class NetlinkRequest
{
    public const int HeaderSize = 16;
    private const ushort NestedFlag = 0x8000;       // NLA_F_NESTED

    private readonly List<byte> _bytes = new(256);
    private readonly Stack<int> _openNests = new();

    public NetlinkRequest(ushort type, ushort flags)
    {
        _bytes.AddRange(new byte[HeaderSize]);
        BinaryPrimitives.WriteUInt16LittleEndian(Span(4, 2), type);
        BinaryPrimitives.WriteUInt16LittleEndian(Span(6, 2), flags);
    }

    /// <summary>Appends a fixed-layout header such as ifinfomsg.</summary>
    public NetlinkRequest Header<T>(T value) where T : unmanaged
    {
        _bytes.AddRange(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));
        Pad();
        return this;
    }

    public NetlinkRequest Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        WriteAttributeHeader(type, 4 + value.Length);
        foreach (byte b in value)
            _bytes.Add(b);
        Pad();
        return this;
    }

    /// <summary>A NUL-terminated string attribute (IFLA_IFNAME, IFLA_INFO_KIND).</summary>
    public NetlinkRequest Attribute(ushort type, string value) => Attribute(type, Encoding.UTF8.GetBytes(value + "\0"));

    public NetlinkRequest Attribute(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Attribute(type, bytes);
    }

    /// <summary>Opens a nested attribute; everything up to the matching <see cref="EndNested"/> goes inside.</summary>
    public NetlinkRequest BeginNested(ushort type)
    {
        _openNests.Push(_bytes.Count);
        WriteAttributeHeader((ushort)(type | NestedFlag), 4);
        return this;
    }

    public NetlinkRequest EndNested()
    {
        int start = _openNests.Pop();
        BinaryPrimitives.WriteUInt16LittleEndian(Span(start, 2), (ushort)(_bytes.Count - start));
        return this;
    }

    /// <summary>The finished message with its length and sequence number filled in.</summary>
    public byte[] ToArray(uint sequence)
    {
        if (_openNests.Count > 0)
            throw new InvalidOperationException("A nested netlink attribute was not closed.");
        BinaryPrimitives.WriteUInt32LittleEndian(Span(0, 4), (uint)_bytes.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(Span(8, 4), sequence);
        return [.. _bytes];
    }

    private void WriteAttributeHeader(ushort type, int length)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], type);
        foreach (byte b in header)
            _bytes.Add(b);
    }

    private void Pad()
    {
        while (_bytes.Count % 4 != 0)
            _bytes.Add(0);
    }

    private Span<byte> Span(int start, int length) => CollectionsMarshal.AsSpan(_bytes).Slice(start, length);
}

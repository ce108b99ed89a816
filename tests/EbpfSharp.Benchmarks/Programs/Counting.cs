using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>Packets and bytes: the value of the counting pairs' maps (C: <c>struct packet_count</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PacketCount
{
    public ulong Packets;
    public ulong Bytes;
}

/// <summary>
/// An IPv4 prefix as an LPM trie key (<c>struct bpf_lpm_trie_key_u8</c>): the length in bits, then the address in
/// network order; <see cref="Address"/> reads and writes it in host order, as samples/Firewall does.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct Ipv4Prefix
{
    public uint PrefixLength;
    private uint _networkOrderAddress;

    public uint Address
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_networkOrderAddress);
        set => _networkOrderAddress = BinaryPrimitives.ReverseEndianness(value);
    }
}

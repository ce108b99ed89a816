using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace FirewallSample;

/// <summary>
/// An IPv4 prefix such as 10.1.0.0/16: the key of the drop list. As an LPM trie key it is laid out as the kernel
/// wants (<c>struct bpf_lpm_trie_key_u8</c>): the prefix length in bits, then the address in network byte order,
/// because the trie matches the address bytes from the first.
/// </summary>
/// <remarks>
/// One convention on both sides: <see cref="Address"/> is a host-order number (10.1.2.3 is <c>0x0A010203</c>),
/// like <see cref="EbpfSharp.Net.IPv4Header.SourceAddress"/>, and the struct stores it byte-swapped. So the program
/// writes <c>new Ipv4Prefix { PrefixLength = 32, Address = ip-&gt;SourceAddress }</c> and the host <c>Ipv4Prefix.Parse("10.1.2.3/32")</c>;
/// nobody swaps bytes by hand. The host-only members (parsing, printing) are in Ipv4Prefix.Host.cs.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public partial struct Ipv4Prefix
{
    /// <summary>How many leading bits of the address the prefix covers: 32 for one address, 0 for all of them.</summary>
    public uint PrefixLength;

    private uint _networkOrderAddress;

    /// <summary>The address as a host-order number (10.1.2.3 is <c>0x0A010203</c>); stored in network order.</summary>
    public uint Address
    {
        readonly get => BinaryPrimitives.ReverseEndianness(_networkOrderAddress);
        set => _networkOrderAddress = BinaryPrimitives.ReverseEndianness(value);
    }
}

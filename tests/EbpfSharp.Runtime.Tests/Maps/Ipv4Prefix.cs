using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Tests.Maps;

/// <summary>An LPM trie key for IPv4: u32 prefix length, then the address bytes (kernel: struct bpf_lpm_trie_key).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Ipv4Prefix
{
    public uint PrefixLength;
    public uint Address;

    public Ipv4Prefix(int prefixLength, byte a, byte b, byte c, byte d)
    {
        PrefixLength = (uint)prefixLength;
        // Network order: the trie compares address bytes from the first.
        Address = (uint)(a | b << 8 | c << 16 | d << 24);
    }
}

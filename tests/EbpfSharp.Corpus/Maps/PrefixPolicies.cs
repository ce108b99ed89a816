using System.Buffers.Binary;
using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Address policy in an LPM trie of IPv4 prefixes, each with a verdict and a hit counter, that <see cref="Setup"/>
/// fills as a host would.
/// </summary>
public static unsafe partial class PrefixPolicies
{
    /// <summary>An LPM trie key: the prefix length in bits, then the address in network order.</summary>
    public struct Ipv4Prefix
    {
        public uint PrefixLength;
        public uint Address;
    }

    public struct PrefixPolicy
    {
        public uint Action;
        public uint Hits;
    }

    static readonly LpmTrie<Ipv4Prefix, PrefixPolicy> Policies = new(maxEntries: 64);

    /// <summary>The policy a host installs: a few blocks, holes in them, and a prefix sent back.</summary>
    public static void Setup()
    {
        Add(0x0A000000, 8, XdpAction.Drop);     // 10.0.0.0/8
        Add(0x0A010000, 16, XdpAction.Pass);    // 10.1.0.0/16, inside it
        Add(0x40000000, 2, XdpAction.Drop);     // 64.0.0.0/2: a quarter of all addresses
        Add(0x60000000, 4, XdpAction.Pass);     // 96.0.0.0/4, inside it
        Add(0x68000000, 6, XdpAction.Tx);       // 104.0.0.0/6, inside that
        Add(0xC0A80000, 16, XdpAction.Tx);      // 192.168.0.0/16
        Add(0xE0000000, 3, XdpAction.Aborted);  // 224.0.0.0/3: multicast and reserved
    }

    private static void Add(uint address, uint prefixLength, XdpAction action)
    {
        var key = new Ipv4Prefix { PrefixLength = prefixLength, Address = BinaryPrimitives.ReverseEndianness(address) };
        Policies.Update(key, new PrefixPolicy { Action = (uint)action });
    }

    /// <summary>Looks the source up in the trie: the longest matching prefix's verdict, counted atomically; no match passes.</summary>
    [Xdp]
    public static XdpAction FilterSourcePrefixes(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        var key = new Ipv4Prefix { PrefixLength = 32, Address = BinaryPrimitives.ReverseEndianness(ip->SourceAddress) };
        PrefixPolicy* policy = Policies.Lookup(key);
        if (policy == null)
            return XdpAction.Pass;
        Interlocked.Increment(ref policy->Hits);
        return (XdpAction)policy->Action;
    }

    /// <summary>Applies the trie to the destination with a /24 key (a route lookup): matches by the first 24 bits only.</summary>
    [Xdp]
    public static XdpAction FilterDestinationNetworks(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        var network = new Ipv4Prefix { PrefixLength = 24, Address = BinaryPrimitives.ReverseEndianness(ip->DestinationAddress & 0xFFFFFF00) };
        PrefixPolicy* policy = Policies.Lookup(network);
        return policy != null && policy->Action == (uint)XdpAction.Drop ? XdpAction.Drop : XdpAction.Pass;
    }
}

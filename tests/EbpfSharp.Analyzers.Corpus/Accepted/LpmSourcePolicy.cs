using System.Buffers.Binary;
using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// An LPM trie of IPv4 prefixes gives each source a verdict.
public static unsafe class LpmSourcePolicy
{
    private struct Prefix
    {
        public uint PrefixLength;
        public uint Address;
    }

    private static readonly LpmTrie<Prefix, uint> Policy = new(maxEntries: 256);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        var key = new Prefix { PrefixLength = 32, Address = BinaryPrimitives.ReverseEndianness(ip->SourceAddress) };
        uint* verdict = Policy.Lookup(key);
        return verdict == null ? XdpAction.Pass : (XdpAction)(*verdict);
    }
}

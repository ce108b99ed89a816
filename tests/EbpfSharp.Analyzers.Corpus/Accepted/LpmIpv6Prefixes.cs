using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// An LPM trie keyed by the first 8 bytes of IPv6 destinations.
public static unsafe class LpmIpv6Prefixes
{
    private struct Prefix64
    {
        public uint PrefixLength;
        public fixed byte Address[8];
    }

    private static readonly LpmTrie<Prefix64, ulong> Routes = new(maxEntries: 128);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv6)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv6Header* ip6))
            return XdpAction.Pass;
        Prefix64 key;
        key.PrefixLength = 64;
        for (int i = 0; i < 8; i++)
            key.Address[i] = ip6->DestinationAddress[i];
        ulong* hits = Routes.Lookup(key);
        if (hits == null)
            return XdpAction.Drop;
        *hits += 1;
        return XdpAction.Pass;
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Drops sources that may be in a Bloom filter of known scanners.
public static unsafe class BloomFilterOfSources
{
    private static readonly BloomFilter<uint> Scanners = new(maxEntries: 10_000, hashCount: 3);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        return Scanners.Contains(ip->SourceAddress) ? XdpAction.Drop : XdpAction.Pass;
    }
}

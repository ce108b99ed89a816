using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>Greylisting of new IPv4 sources with a bloom filter of the addresses seen.</summary>
public static unsafe partial class SourceGreylist
{
    // Sized far above the sources of a run, with the zero seed, so that false positives (which the CLR's exact
    // filter does not have) are vanishingly rare and reproducible.
    static readonly BloomFilter<uint> SeenSources = new(maxEntries: 65536, hashCount: 5, flags: MapFlags.ZeroSeed);

    static ulong NewSources;
    static ulong RepeatSources;

    /// <summary>Drops the first packet of a source not seen before and remembers it; later ones pass.</summary>
    [Xdp]
    public static XdpAction GreylistNewSources(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        uint source = ip->SourceAddress;
        if (SeenSources.Contains(source))
        {
            RepeatSources++;
            return XdpAction.Pass;
        }
        if (!SeenSources.Add(source))
            return XdpAction.Aborted;
        NewSources++;
        return XdpAction.Drop;
    }
}

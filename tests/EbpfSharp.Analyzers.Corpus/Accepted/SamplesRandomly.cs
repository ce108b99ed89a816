namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Drops one packet in a thousand at random.
public static unsafe class SamplesRandomly
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx) => Bpf.GetPrandomU32() % 1000 == 0 ? XdpAction.Drop : XdpAction.Pass;
}

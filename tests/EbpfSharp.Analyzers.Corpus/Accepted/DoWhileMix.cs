namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A do/while loop with a constant trip count.
public static unsafe class DoWhileMix
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ulong state = ctx.IngressIfindex;
        int round = 0;
        do
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            round++;
        }
        while (round < 8);
        return (state & 3) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A while loop with a counter bound.
public static unsafe class CountsWithWhileLoop
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        uint value = (uint)ctx.Length;
        int bits = 0;
        int rounds = 0;
        while (value != 0 && rounds < 32)
        {
            bits += (int)(value & 1);
            value >>= 1;
            rounds++;
        }
        return bits > 4 ? XdpAction.Drop : XdpAction.Pass;
    }
}

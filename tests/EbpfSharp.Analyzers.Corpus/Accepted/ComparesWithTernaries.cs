namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Nested conditional expressions and logical operators.
public static unsafe class ComparesWithTernaries
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int length = ctx.Length;
        bool tiny = length < 60;
        bool jumbo = length > 1514;
        return tiny || jumbo ? XdpAction.Drop : length % 2 == 0 ? XdpAction.Pass : XdpAction.Tx;
    }
}

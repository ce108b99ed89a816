namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Counts bytes per class in a managed array.
public static unsafe class AllocatesCounterArray
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        var counts = new int[4]; // EBPF0004
        counts[ctx.Length & 3]++;
        return counts[0] > 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

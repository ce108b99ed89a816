namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Keeps a running average in a float field of a struct local.
public static unsafe class AveragesInStruct
{
    private struct Stats
    {
        public int Count;
        public float Average;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        var stats = new Stats { Count = 1 };
        stats.Average = ctx.Length / (float)stats.Count; // EBPF0009
        return stats.Count > 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}

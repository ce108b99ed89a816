namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Writes a sample per packet to a perf event array (the object is GPL).
public static unsafe class SamplesToPerfBuffer
{
    private struct Sample
    {
        public uint Length;
        public uint Ifindex;
    }

    private static readonly PerfEventArray<Sample> Samples = new();

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Samples.Output(ctx, new Sample { Length = (uint)ctx.Length, Ifindex = ctx.IngressIfindex });
        return XdpAction.Pass;
    }
}

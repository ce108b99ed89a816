namespace EbpfSharp.Analyzers.Corpus.Rejected;

// bpf_perf_event_output (GPL-only) in a BSD-licensed object.
[License("BSD")]
public static unsafe class SamplesUnderBsd
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
        Samples.Output(ctx, new Sample { Length = (uint)ctx.Length, Ifindex = ctx.IngressIfindex }); // EBPF0019
        return XdpAction.Pass;
    }
}

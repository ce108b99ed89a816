namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Writes into a ring buffer reservation without checking it.
public static unsafe class FillsReservationUnchecked
{
    private struct Sample
    {
        public uint Length;
        public uint Ifindex;
    }

    private static readonly RingBuffer<Sample> Samples = new(sizeBytes: 4096);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Sample* sample = Samples.Reserve();
        sample->Length = (uint)ctx.Length; // EBPF0016
        sample->Ifindex = ctx.IngressIfindex;
        Samples.Submit(sample);
        return XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Builds a record in place with Reserve, then submits or discards it.
public static unsafe class ReservesRingBufferRecord
{
    private struct Sample
    {
        public ulong Time;
        public uint Length;
        public uint Queue;
    }

    private static readonly RingBuffer<Sample> Samples = new(sizeBytes: 4096);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Sample* sample = Samples.Reserve();
        if (sample == null)
            return XdpAction.Pass;
        sample->Time = Bpf.KtimeGetNs();
        sample->Length = (uint)ctx.Length;
        sample->Queue = ctx.RxQueueIndex;
        if (ctx.Length < 60)
            Samples.Discard(sample);
        else
            Samples.Submit(sample, RingBufferWakeup.None);
        return XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A hash map whose value holds a fixed buffer, updated in place.
public static unsafe class MapOfFixedBufferValues
{
    private struct History
    {
        public uint Next;
        public fixed ushort Lengths[8];
    }

    private static readonly HashMap<uint, History> Histories = new(maxEntries: 64);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        History* history = Histories.Lookup(ctx.RxQueueIndex);
        if (history == null)
        {
            Histories.Update(ctx.RxQueueIndex, default);
            return XdpAction.Pass;
        }
        uint slot = history->Next & 7;
        history->Lengths[slot] = (ushort)ctx.Length;
        history->Next = slot + 1;
        return XdpAction.Pass;
    }
}

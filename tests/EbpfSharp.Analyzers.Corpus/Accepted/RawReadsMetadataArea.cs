namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Reads the packet through DataMeta-relative pointers after growing the metadata area.
public static unsafe class RawReadsMetadataArea
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (Bpf.XdpAdjustMeta(ctx, -4) != 0)
            return XdpAction.Pass;
        byte* meta = ctx.DataMeta;
        byte* data = ctx.Data;
        if (meta + 4 > data)
            return XdpAction.Pass;
        *(uint*)meta = ctx.RxQueueIndex;
        return XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Keeps using a packet pointer after bpf_xdp_adjust_head.
public static unsafe class ReadsAfterAdjustHead
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 18 > ctx.DataEnd)
            return XdpAction.Pass;
        if (Bpf.XdpAdjustHead(ctx, 4) != 0)
            return XdpAction.Aborted;
        return data[0] == 0xff ? XdpAction.Drop : XdpAction.Pass; // EBPF0015
    }
}

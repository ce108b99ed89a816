namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Pops a 4-byte tag with bpf_xdp_adjust_head, then checks the packet again.
public static unsafe class AdjustsHeadAndRechecks
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 18 > ctx.DataEnd)
            return XdpAction.Pass;
        if (data[12] != 0x81 || data[13] != 0x00)
            return XdpAction.Pass;
        if (Bpf.XdpAdjustHead(ctx, 4) != 0)
            return XdpAction.Aborted;
        data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Aborted;
        data[12] = 0x08;
        data[13] = 0x00;
        return XdpAction.Pass;
    }
}

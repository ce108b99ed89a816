namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Trims the last 4 bytes of long frames with bpf_xdp_adjust_tail.
public static unsafe class TrimsTail
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (ctx.Length < 64)
            return XdpAction.Pass;
        return Bpf.XdpAdjustTail(ctx, -4) == 0 ? XdpAction.Pass : XdpAction.Aborted;
    }
}

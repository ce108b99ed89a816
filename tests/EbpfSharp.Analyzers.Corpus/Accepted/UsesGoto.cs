namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A C-style parser with goto to a shared exit.
public static unsafe class UsesGoto
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        XdpAction verdict = XdpAction.Pass;
        if (data + 14 > ctx.DataEnd)
            goto done;
        if (data[0] == 0x01 && data[1] == 0x80 && data[2] == 0xC2)
        {
            verdict = XdpAction.Drop;
            goto done;
        }
    done:
        return verdict;
    }
}

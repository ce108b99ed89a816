namespace EbpfSharp.Analyzers.Corpus.Rejected;

// while(true) over the packet until a zero byte.
public static unsafe class ScansUntilZero
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* p = ctx.Data;
        byte* end = ctx.DataEnd;
        uint hash = 0;
        while (true) // EBPF0017
        {
            if (p + 1 > end)
                break;
            hash = hash * 31 + *p;
            if (*p == 0)
                break;
            p++;
        }
        return hash == 7 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Scans TCP options for MSS with a bounded loop and a check per byte.
public static unsafe class ScansOptionsBounded
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        byte* options = data + 54;
        for (int i = 0; i < 8; i++)
        {
            if (options + 2 > end)
                return XdpAction.Pass;
            byte kind = options[0];
            if (kind == 0)
                return XdpAction.Pass;
            if (kind == 1)
            {
                options++;
                continue;
            }
            if (kind == 2)
                return XdpAction.Drop;
            byte length = options[1];
            if (length < 2)
                return XdpAction.Drop;
            options += length;
        }
        return XdpAction.Pass;
    }
}

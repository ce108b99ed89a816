namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Computes the end of the needed bytes first, then compares it with DataEnd.
public static unsafe class RawCheckedEndPointer
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* needed = data + 38;
        if (needed > ctx.DataEnd)
            return XdpAction.Pass;
        int sourcePort = data[34] << 8 | data[35];
        int destinationPort = data[36] << 8 | data[37];
        return sourcePort == destinationPort ? XdpAction.Drop : XdpAction.Pass;
    }
}

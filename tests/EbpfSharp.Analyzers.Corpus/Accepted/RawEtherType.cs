namespace EbpfSharp.Analyzers.Corpus.Accepted;

// The EtherType from raw bytes after a 14-byte check.
public static unsafe class RawEtherType
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Pass;
        int type = data[12] << 8 | data[13];
        return type == 0x86DD ? XdpAction.Drop : XdpAction.Pass;
    }
}

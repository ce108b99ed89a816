namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Checks 14 bytes, then reads the IPv4 protocol at byte 23.
public static unsafe class ReadsPastShortCheck
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Pass;
        byte protocol = data[23]; // EBPF0015
        return protocol == 17 ? XdpAction.Drop : XdpAction.Pass;
    }
}

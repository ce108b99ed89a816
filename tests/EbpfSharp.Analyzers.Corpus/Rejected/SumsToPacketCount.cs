namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Loops up to a 32-bit count read from the packet, without a cap.
public static unsafe class SumsToPacketCount
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 18 > ctx.DataEnd)
            return XdpAction.Pass;
        uint count = *(uint*)(data + 14);
        uint sum = 0;
        for (uint i = 0; i < count; i++) // EBPF0017
            sum += i ^ count;
        return sum == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Two 320-byte fixed buffers alive at once.
public static unsafe class KeepsTwoLargeBuffers
{
    private struct Window
    {
        public fixed byte Bytes[320];
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Window first;
        Window second; // EBPF0014
        first.Bytes[0] = (byte)ctx.Length;
        second.Bytes[0] = (byte)ctx.IngressIfindex;
        long diff = Bpf.CsumDiff((uint*)first.Bytes, 320, (uint*)second.Bytes, 320, 0);
        return diff == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Narrows the length to a byte with a checked conversion.
public static unsafe class NarrowsChecked
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte small = checked((byte)ctx.Length); // EBPF0011
        return small > 60 ? XdpAction.Pass : XdpAction.Drop;
    }
}

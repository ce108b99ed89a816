namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Stores the packet length in an object.
public static unsafe class BoxesLength
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        object boxed = ctx.Length; // EBPF0003
        return (int)boxed > 64 ? XdpAction.Pass : XdpAction.Drop;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Reads a static array of well-known ports.
public static unsafe class ReadsStaticArray
{
    private static readonly ushort[] WellKnown = { 22, 53, 80, 443 };

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ushort first = WellKnown[0]; // EBPF0004
        return ctx.Length > first ? XdpAction.Pass : XdpAction.Drop;
    }
}

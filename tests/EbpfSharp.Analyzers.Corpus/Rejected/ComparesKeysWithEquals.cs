namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Compares two struct keys with the inherited Equals(object), which boxes the argument (and calls a virtual method).
public static unsafe class ComparesKeysWithEquals
{
    private struct PortPair
    {
        public ushort Source;
        public ushort Destination;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 38 > ctx.DataEnd)
            return XdpAction.Pass;
        var seen = new PortPair { Source = *(ushort*)(data + 34), Destination = *(ushort*)(data + 36) };
        var swapped = new PortPair { Source = seen.Destination, Destination = seen.Source };
        return seen.Equals(swapped) ? XdpAction.Drop : XdpAction.Pass; // EBPF0003
    }
}

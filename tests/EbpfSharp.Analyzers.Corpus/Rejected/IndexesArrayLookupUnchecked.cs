namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Looks up an array slot by a packet byte and uses it without a null check.
public static unsafe class IndexesArrayLookupUnchecked
{
    private static readonly ArrayMap<ulong> PerProtocol = new(maxEntries: 256);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 24 > ctx.DataEnd)
            return XdpAction.Pass;
        ulong* slot = PerProtocol.Lookup(data[23]);
        *slot += (ulong)ctx.Length; // EBPF0016
        return XdpAction.Pass;
    }
}

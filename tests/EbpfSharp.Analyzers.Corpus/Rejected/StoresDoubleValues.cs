namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A map of double values.
public static unsafe class StoresDoubleValues
{
    private static readonly ArrayMap<double> Rates = new(maxEntries: 16);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        double* rate = Rates.Lookup(0); // EBPF0020
        return rate == null ? XdpAction.Pass : XdpAction.Drop;
    }
}

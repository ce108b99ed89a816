namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A map of double values.
public static unsafe class StoresDoubleValues
{
    private static readonly ArrayMap<double> Rates = new(maxEntries: 16); // EBPF0020

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        double* rate = Rates.Lookup(0);
        return rate == null ? XdpAction.Pass : XdpAction.Drop;
    }
}

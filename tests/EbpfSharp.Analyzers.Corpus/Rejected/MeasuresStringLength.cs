namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Reads the length of a string returned by a helper.
public static unsafe class MeasuresStringLength
{
    private static string Label(byte protocol) => protocol == 6 ? "tcp" : "other";

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 24 > ctx.DataEnd)
            return XdpAction.Pass;
        int length = Label(data[23]).Length; // EBPF0002
        return length == 3 ? XdpAction.Pass : XdpAction.Drop;
    }
}

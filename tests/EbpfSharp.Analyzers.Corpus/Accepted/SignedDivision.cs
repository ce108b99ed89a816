namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Signed and unsigned division and remainder on packet values.
public static unsafe class SignedDivision
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int length = ctx.Length;
        int signed = (length - 1000) / 7;
        uint unsigned = (uint)length % 13;
        return signed < 0 && unsigned != 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// The smallest program.
public static unsafe class PassesEverything
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx) => XdpAction.Pass;
}

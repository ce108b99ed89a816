namespace EbpfSharp.Analyzers.Corpus.Accepted;

// An xdp.frags program.
public static unsafe class FragmentsAware
{
    [Xdp(Fragments = true)]
    public static XdpAction Run(XdpContext ctx) => ctx.Length > 0 ? XdpAction.Pass : XdpAction.Aborted;
}

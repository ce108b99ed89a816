namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Round-trips the verdict through object.
public static unsafe class BoxesVerdict
{
    private static object Decide(int length)
    {
        XdpAction verdict = length > 60 ? XdpAction.Pass : XdpAction.Drop;
        return verdict; // EBPF0003
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx) => (XdpAction)Decide(ctx.Length);
}

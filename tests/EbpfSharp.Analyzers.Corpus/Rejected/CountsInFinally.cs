namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Counts packets in a finally block.
public static unsafe class CountsInFinally
{
    private static ulong Seen;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        try // EBPF0005
        {
            return ctx.Length > 60 ? XdpAction.Pass : XdpAction.Drop;
        }
        finally
        {
            Seen++;
        }
    }
}

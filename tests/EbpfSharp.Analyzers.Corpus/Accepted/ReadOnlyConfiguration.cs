namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Limits in .rodata that the host sets before load.
public static unsafe class ReadOnlyConfiguration
{
    private static readonly int MinimumLength = 60;
    private static readonly int MaximumLength = 1514;
    private static readonly bool DropOversized = true;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int length = ctx.Length;
        if (length < MinimumLength)
            return XdpAction.Drop;
        if (DropOversized && length > MaximumLength)
            return XdpAction.Drop;
        return XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Passes an interpolated string, not a literal format, to Bpf.Printk.
public static unsafe class PrintsInterpolatedString
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Bpf.Printk($"packet of {ctx.Length} bytes"); // EBPF0002
        return XdpAction.Pass;
    }
}

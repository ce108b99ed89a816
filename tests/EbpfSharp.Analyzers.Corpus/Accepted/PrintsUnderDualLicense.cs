namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Printk in a "Dual MIT/GPL" object: GPL-compatible.
[License("Dual MIT/GPL")]
public static unsafe class PrintsUnderDualLicense
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (ctx.Length > 9000)
            Bpf.Printk("jumbo frame of %d bytes\n", (ulong)ctx.Length);
        return XdpAction.Pass;
    }
}

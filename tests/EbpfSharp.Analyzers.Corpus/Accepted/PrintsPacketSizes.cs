namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Printk with literal formats and up to three values.
public static unsafe class PrintsPacketSizes
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Pass;
        Bpf.Printk("packet\n");
        Bpf.Printk("length %d\n", (ulong)ctx.Length);
        Bpf.Printk("type %x%x\n", data[12], data[13]);
        Bpf.Printk("if %u queue %u len %d\n", ctx.IngressIfindex, ctx.RxQueueIndex, (ulong)ctx.Length);
        return XdpAction.Pass;
    }
}

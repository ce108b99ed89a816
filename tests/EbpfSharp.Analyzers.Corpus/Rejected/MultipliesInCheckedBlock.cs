namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A checked block around the arithmetic of a helper.
public static unsafe class MultipliesInCheckedBlock
{
    private static uint Scale(uint value)
    {
        checked
        {
            return value * 3; // EBPF0011
        }
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx) => Scale(ctx.IngressIfindex) > 30 ? XdpAction.Drop : XdpAction.Pass;
}

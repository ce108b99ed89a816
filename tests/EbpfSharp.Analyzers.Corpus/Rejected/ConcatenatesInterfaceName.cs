namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Builds an interface name with string concatenation.
public static unsafe class ConcatenatesInterfaceName
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        string name = "eth" + ctx.IngressIfindex.ToString(); // EBPF0002
        return name.Length > 4 ? XdpAction.Drop : XdpAction.Pass;
    }
}

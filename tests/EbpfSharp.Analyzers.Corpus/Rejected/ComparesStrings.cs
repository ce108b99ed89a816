namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Compares a name with string equality.
public static unsafe class ComparesStrings
{
    private static string Mode(int length) => length > 1000 ? "jumbo" : "normal";

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        return string.Equals(Mode(ctx.Length), "jumbo") ? XdpAction.Drop : XdpAction.Pass; // EBPF0002
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A helper takes a dynamic parameter.
public static unsafe class PassesDynamicArgument
{
    private static bool IsLarge(dynamic value) => value > 1000; // EBPF0010

    [Xdp]
    public static XdpAction Run(XdpContext ctx) => IsLarge(ctx.Length) ? XdpAction.Drop : XdpAction.Pass;
}

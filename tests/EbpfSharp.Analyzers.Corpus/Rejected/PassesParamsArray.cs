namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Calls a params method, which allocates an array at the call.
public static unsafe class PassesParamsArray
{
    private static int Sum(params int[] values)
    {
        int sum = 0;
        for (int i = 0; i < values.Length && i < 8; i++)
            sum += values[i];
        return sum;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int total = Sum(ctx.Length, 14, 20); // EBPF0004
        return total > 1500 ? XdpAction.Drop : XdpAction.Pass;
    }
}

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A helper the program calls allocates a class instance.
public static unsafe class AllocatesInHelper
{
    private sealed class Tally
    {
        public ulong Bytes;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx) => Measure(ctx.Length) > 1000 ? XdpAction.Drop : XdpAction.Pass;

    private static ulong Measure(int length)
    {
        var tally = new Tally { Bytes = (ulong)length }; // EBPF0001
        return tally.Bytes * 2;
    }
}

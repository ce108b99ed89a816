namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Two helpers call each other.
public static unsafe class AlternatesRecursively
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx) => IsEven(ctx.Length) ? XdpAction.Pass : XdpAction.Drop;

    private static bool IsEven(int n) => n == 0 || IsOdd(n - 1);

    private static bool IsOdd(int n) => n != 0 && IsEven(n - 1); // EBPF0013
}

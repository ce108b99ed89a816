namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Calls an interface method on a generic type parameter.
public static unsafe class CallsConstrainedInterface
{
    private interface IClassifier
    {
        XdpAction Classify(int length);
    }

    private struct ByLength : IClassifier
    {
        public XdpAction Classify(int length) => length > 512 ? XdpAction.Drop : XdpAction.Pass;
    }

    private static XdpAction Apply<T>(T classifier, int length) where T : IClassifier =>
        classifier.Classify(length); // EBPF0006

    [Xdp]
    public static XdpAction Run(XdpContext ctx) => Apply(new ByLength(), ctx.Length);
}

using System.Threading;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// An MIT-licensed object that calls only helpers every license may use.
[License("MIT")]
public static unsafe class MitWithoutGplHelpers
{
    private static readonly ArrayMap<ulong> Times = new(maxEntries: 1);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ulong* last = Times.Lookup(0);
        if (last == null)
            return XdpAction.Pass;
        Interlocked.Exchange(ref *last, Bpf.KtimeGetNs());
        return Bpf.GetPrandomU32() % 100 == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

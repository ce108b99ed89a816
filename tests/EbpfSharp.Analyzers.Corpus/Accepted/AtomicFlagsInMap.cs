using System.Threading;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Sets and clears flag bits in a map value with Interlocked.Or/And.
public static unsafe class AtomicFlagsInMap
{
    private static readonly ArrayMap<ulong> Flags = new(maxEntries: 1);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        ulong* flags = Flags.Lookup(0);
        if (flags == null)
            return XdpAction.Pass;
        ulong bit = 1ul << (int)(ctx.RxQueueIndex & 63);
        ulong before = Interlocked.Or(ref *flags, bit);
        if ((before & bit) != 0)
            Interlocked.And(ref *flags, ~bit);
        return XdpAction.Pass;
    }
}

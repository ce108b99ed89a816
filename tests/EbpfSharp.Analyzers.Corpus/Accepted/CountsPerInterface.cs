using System.Threading;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Counts packets per interface in a hash map, null-checked.
public static unsafe class CountsPerInterface
{
    private static readonly HashMap<uint, ulong> Packets = new(maxEntries: 256);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        uint key = ctx.IngressIfindex;
        ulong* count = Packets.Lookup(key);
        if (count != null)
            Interlocked.Increment(ref *count);
        else
            Packets.Update(key, 1, MapUpdateFlags.NoExist);
        return XdpAction.Pass;
    }
}

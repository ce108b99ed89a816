using System.Threading;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Global counters in .bss updated atomically.
public static unsafe class AtomicGlobalCounters
{
    private static ulong Packets;
    private static ulong Bytes;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Interlocked.Increment(ref Packets);
        Interlocked.Add(ref Bytes, (ulong)ctx.Length);
        return XdpAction.Pass;
    }
}

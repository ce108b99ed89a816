using System.Collections.Generic;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Walks header offsets produced by an iterator.
public static unsafe class IteratesHeaderOffsets
{
    private static IEnumerable<int> HeaderOffsets() // EBPF0008
    {
        yield return 0;
        yield return 14;
        yield return 34;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        int last = 0;
        foreach (int offset in HeaderOffsets())
            last = offset;
        return last < ctx.Length ? XdpAction.Pass : XdpAction.Drop;
    }
}

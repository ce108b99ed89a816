using System;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Wraps parsing in try/catch.
public static unsafe class CatchesParseFailure
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        try // EBPF0005
        {
            return Classify(ctx.Length);
        }
        catch (InvalidOperationException)
        {
            return XdpAction.Aborted;
        }
    }

    private static XdpAction Classify(int length) => length > 100 ? XdpAction.Pass : XdpAction.Drop;
}

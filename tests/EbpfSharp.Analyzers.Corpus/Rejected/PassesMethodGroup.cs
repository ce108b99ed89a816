using System;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Passes a method group as a delegate to a helper.
public static unsafe class PassesMethodGroup
{
    private static bool IsTcp(byte protocol) => protocol == 6;

    private static XdpAction Check(Func<byte, bool> predicate, byte protocol) => predicate(protocol) ? XdpAction.Drop : XdpAction.Pass;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 24 > ctx.DataEnd)
            return XdpAction.Pass;
        return Check(IsTcp, data[23]); // EBPF0007
    }
}

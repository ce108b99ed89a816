using System;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Converts a port to IComparable, which boxes it.
public static unsafe class BoxesIntoInterface
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 38 > ctx.DataEnd)
            return XdpAction.Pass;
        ushort port = (ushort)(data[36] << 8 | data[37]);
        IComparable comparable = port; // EBPF0003
        return comparable == null ? XdpAction.Drop : XdpAction.Pass;
    }
}

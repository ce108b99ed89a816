using System.Threading;
using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Per-protocol byte counts in an array map.
public static unsafe class CountsPerProtocolArray
{
    private static readonly ArrayMap<ulong> Bytes = new(maxEntries: 256);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        ulong* total = Bytes.Lookup(ip->Protocol);
        if (total == null)
            return XdpAction.Pass;
        Interlocked.Add(ref *total, (ulong)ctx.Length);
        return XdpAction.Pass;
    }
}

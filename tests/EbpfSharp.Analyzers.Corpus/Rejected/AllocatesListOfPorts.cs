using System.Collections.Generic;
using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Collects ports in a List.
public static unsafe class AllocatesListOfPorts
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(34, out UdpHeader* udp))
            return XdpAction.Pass;
        var ports = new List<ushort>(); // EBPF0001
        ports.Add(udp->SourcePort);
        return ports.Count > 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}

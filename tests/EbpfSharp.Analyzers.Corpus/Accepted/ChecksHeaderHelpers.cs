using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Parsing split into struct-returning helpers that the compiler inlines.
public static unsafe class ChecksHeaderHelpers
{
    private struct Ports
    {
        public ushort Source;
        public ushort Destination;
    }

    private static bool TryReadUdpPorts(XdpContext ctx, out Ports ports)
    {
        ports = default;
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return false;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->Protocol != IPProtocol.Udp)
            return false;
        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out UdpHeader* udp))
            return false;
        ports.Source = udp->SourcePort;
        ports.Destination = udp->DestinationPort;
        return true;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!TryReadUdpPorts(ctx, out var ports))
            return XdpAction.Pass;
        return ports.Source == 123 && ports.Destination == 123 ? XdpAction.Drop : XdpAction.Pass;
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Copies an event for every TCP SYN into a ring buffer.
public static unsafe class ReportsToRingBuffer
{
    private struct SynEvent
    {
        public uint Source;
        public ushort Port;
        public ushort Length;
    }

    private static readonly RingBuffer<SynEvent> Events = new(sizeBytes: 64 * 1024);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->Protocol != IPProtocol.Tcp)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out TcpHeader* tcp) || !tcp->IsSyn)
            return XdpAction.Pass;
        Events.Output(new SynEvent { Source = ip->SourceAddress, Port = tcp->DestinationPort, Length = (ushort)ctx.Length });
        return XdpAction.Pass;
    }
}

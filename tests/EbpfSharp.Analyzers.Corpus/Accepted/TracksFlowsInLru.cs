using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Tracks TCP flows in an LRU hash with a struct key and value.
public static unsafe class TracksFlowsInLru
{
    private struct FlowKey
    {
        public uint Source;
        public uint Destination;
        public ushort SourcePort;
        public ushort DestinationPort;
    }

    private struct FlowState
    {
        public ulong Packets;
        public ulong LastSeen;
    }

    private static readonly LruHashMap<FlowKey, FlowState> Flows = new(maxEntries: 8192);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->Protocol != IPProtocol.Tcp)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out TcpHeader* tcp))
            return XdpAction.Pass;
        var key = new FlowKey { Source = ip->SourceAddress, Destination = ip->DestinationAddress, SourcePort = tcp->SourcePort, DestinationPort = tcp->DestinationPort };
        ulong now = Bpf.KtimeGetNs();
        FlowState* state = Flows.Lookup(key);
        if (state == null)
        {
            Flows.Update(key, new FlowState { Packets = 1, LastSeen = now });
            return XdpAction.Pass;
        }
        state->Packets++;
        state->LastSeen = now;
        return XdpAction.Pass;
    }
}

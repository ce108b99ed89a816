using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Builds a five-tuple struct on the stack.
public static unsafe class BuildsFlowKeyStruct
{
    private struct FlowKey
    {
        public uint Source;
        public uint Destination;
        public ushort SourcePort;
        public ushort DestinationPort;
        public byte Protocol;

        public readonly uint Hash() => Source * 31 ^ Destination * 17 ^ (uint)(SourcePort << 16 | DestinationPort) ^ Protocol;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->Protocol != IPProtocol.Tcp)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out TcpHeader* tcp))
            return XdpAction.Pass;
        var key = new FlowKey
        {
            Source = ip->SourceAddress,
            Destination = ip->DestinationAddress,
            SourcePort = tcp->SourcePort,
            DestinationPort = tcp->DestinationPort,
            Protocol = ip->Protocol,
        };
        return key.Hash() % 100 == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

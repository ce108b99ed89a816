using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Looks through one VLAN tag to the IPv4 header.
public static unsafe class SkipsVlanTag
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Pass;
        int offset = sizeof(EthernetHeader);
        ushort type = eth->EtherType;
        if (type == EtherType.Vlan)
        {
            if (!ctx.TryGet(offset, out VlanHeader* vlan))
                return XdpAction.Drop;
            type = vlan->EtherType;
            offset += sizeof(VlanHeader);
        }
        if (type != EtherType.IPv4 || !ctx.TryGet(offset, out IPv4Header* ip))
            return XdpAction.Pass;
        return ip->Protocol == IPProtocol.Gre ? XdpAction.Drop : XdpAction.Pass;
    }
}

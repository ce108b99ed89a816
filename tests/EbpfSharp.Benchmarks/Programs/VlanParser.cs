using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Walks up to two 802.1Q/802.1ad tags, drops frames whose innermost VLAN id is above 1000, and passes only
/// complete IPv4 or IPv6 headers behind the tags. Twin: c/vlan_parser.c.
/// </summary>
public static unsafe class VlanParser
{
    private const int MaximumTags = 2;
    private const int HighestAllowedVlan = 1000;

    [Xdp]
    public static XdpAction ParseVlans(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet))
            return XdpAction.Drop;
        ushort type = ethernet->EtherType;
        int offset = 14;
        int vlanId = 0;
        for (int tag = 0; tag < MaximumTags; tag++)
        {
            if (type != EtherType.Vlan && type != EtherType.QinQ)
                break;
            if (!ctx.TryGet(offset, out VlanHeader* vlan))
                return XdpAction.Drop;
            vlanId = vlan->VlanId;
            type = vlan->EtherType;
            offset += 4;
        }
        if (vlanId > HighestAllowedVlan)
            return XdpAction.Drop;
        if (type == EtherType.IPv4)
            return ctx.TryGet(offset, out IPv4Header* _) ? XdpAction.Pass : XdpAction.Drop;
        if (type == EtherType.IPv6)
            return ctx.TryGet(offset, out IPv6Header* _) ? XdpAction.Pass : XdpAction.Drop;
        return XdpAction.Drop;
    }
}

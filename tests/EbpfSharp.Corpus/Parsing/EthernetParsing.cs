using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Parsing;

/// <summary>Ethernet and VLAN parsing, with TryGet and with raw Data/DataEnd checks.</summary>
public static unsafe class EthernetParsing
{
    /// <summary>Passes IPv4 and IPv6, drops ARP, sends everything else back.</summary>
    [Xdp]
    public static XdpAction ByEtherType(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Aborted;
        ushort type = eth->EtherType;
        if (type == EtherType.IPv4 || type == EtherType.IPv6)
            return XdpAction.Pass;
        if (type == EtherType.Arp)
            return XdpAction.Drop;
        return XdpAction.Tx;
    }

    /// <summary>The same classification on raw bytes, C style; drops broadcast sources.</summary>
    [Xdp]
    public static XdpAction RawEthernet(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if (data + 14 > end)
            return XdpAction.Aborted;
        if ((data[6] & 1) != 0)
            return XdpAction.Drop;
        int type = data[12] << 8 | data[13];
        return type < 0x0600 ? XdpAction.Tx : XdpAction.Pass;
    }

    /// <summary>Walks up to two VLAN tags (802.1Q and 802.1ad QinQ) and stamps the inner VLAN id into the source MAC.</summary>
    [Xdp]
    public static XdpAction VlanTags(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Aborted;
        ushort type = eth->EtherType;
        int offset = sizeof(EthernetHeader);
        int tags = 0;
        ushort innerId = 0;
        if (type == EtherType.QinQ || type == EtherType.Vlan)
        {
            if (!ctx.TryGet(offset, out VlanHeader* outer))
                return XdpAction.Drop;
            tags++;
            innerId = outer->VlanId;
            type = outer->EtherType;
            offset += sizeof(VlanHeader);
            if (type == EtherType.Vlan)
            {
                if (!ctx.TryGet(offset, out VlanHeader* inner))
                    return XdpAction.Drop;
                tags++;
                innerId = inner->VlanId;
                type = inner->EtherType;
                offset += sizeof(VlanHeader);
            }
        }
        eth->Source[4] = (byte)(innerId >> 8);
        eth->Source[5] = (byte)innerId;
        eth->Source[3] = (byte)tags;
        if (type == EtherType.IPv4 && ctx.TryGet(offset, out IPv4Header* ip))
            return ip->Ttl > 1 ? XdpAction.Pass : XdpAction.Drop;
        return tags == 2 ? XdpAction.Tx : XdpAction.Pass;
    }

    /// <summary>QinQ on raw pointers: requires an 802.1ad outer tag followed by an 802.1Q inner tag.</summary>
    [Xdp]
    public static XdpAction RawQinQ(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if (data + 22 > end)
            return XdpAction.Pass;
        if (data[12] != 0x88 || data[13] != 0xA8 || data[16] != 0x81 || data[17] != 0x00)
            return XdpAction.Pass;
        int outerId = (data[14] & 0x0F) << 8 | data[15];
        int innerId = (data[18] & 0x0F) << 8 | data[19];
        // Write the sum of both ids over the destination MAC's last two bytes.
        int sum = outerId + innerId;
        data[4] = (byte)(sum >> 8);
        data[5] = (byte)sum;
        return outerId == innerId ? XdpAction.Drop : XdpAction.Tx;
    }
}

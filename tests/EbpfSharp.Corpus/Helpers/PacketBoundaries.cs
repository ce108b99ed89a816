using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Helpers;

/// <summary>bpf_xdp_adjust_head/tail/meta, with deterministic checks of what they return.</summary>
public static unsafe class PacketBoundaries
{
    /// <summary>Pops one VLAN tag by moving the MACs forward 4 bytes and adjusting the head.</summary>
    [Xdp]
    public static XdpAction PopVlan(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.Vlan)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out VlanHeader* vlan))
            return XdpAction.Drop;
        ushort inner = vlan->EtherType;
        byte* data = ctx.Data;
        for (int i = 11; i >= 0; i--)
            data[i + 4] = data[i];
        if (Bpf.XdpAdjustHead(ctx, 4) != 0)
            return XdpAction.Aborted;
        if (!ctx.TryGet(0, out EthernetHeader* moved))
            return XdpAction.Aborted;
        moved->EtherType = inner;
        return XdpAction.Tx;
    }

    /// <summary>Pushes an 802.1Q tag (VLAN 100) in front of the EtherType.</summary>
    [Xdp]
    public static XdpAction PushVlan(XdpContext ctx)
    {
        if (Bpf.XdpAdjustHead(ctx, -4) != 0)
            return XdpAction.Aborted;
        byte* data = ctx.Data;
        if (data + 18 > ctx.DataEnd)
            return XdpAction.Aborted;
        for (int i = 0; i < 12; i++)
            data[i] = data[i + 4];
        // data[16..17] still hold the original EtherType.
        data[12] = 0x81;
        data[13] = 0x00;
        data[14] = 0x00;
        data[15] = 100;
        return XdpAction.Tx;
    }

    /// <summary>Return values of adjust_head: too far in front (-EINVAL), too far in (-EINVAL), and a round trip.</summary>
    [Xdp]
    public static XdpAction HeadReturnValues(XdpContext ctx)
    {
        int tooFar = Bpf.XdpAdjustHead(ctx, -1000);
        int tooShort = Bpf.XdpAdjustHead(ctx, ctx.Length);
        int grow = Bpf.XdpAdjustHead(ctx, -8);
        int shrink = Bpf.XdpAdjustHead(ctx, 8);
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Aborted;
        data[0] = (byte)tooFar;
        data[1] = (byte)tooShort;
        data[2] = (byte)grow;
        data[3] = (byte)shrink;
        return tooFar == -22 && tooShort == -22 && grow == 0 && shrink == 0 ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>Trims the packet to 60 bytes when longer, growing it to 64 (zero-filled) when shorter.</summary>
    [Xdp]
    public static XdpAction TailToMinimum(XdpContext ctx)
    {
        int length = ctx.Length;
        int result = length > 60 ? Bpf.XdpAdjustTail(ctx, 60 - length) : Bpf.XdpAdjustTail(ctx, 64 - length);
        if (result != 0)
            return XdpAction.Aborted;
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Aborted;
        data[0] = (byte)ctx.Length;
        return XdpAction.Tx;
    }

    /// <summary>Return values of adjust_tail: shrinking below 14 bytes and growing past the frame fail with -EINVAL.</summary>
    [Xdp]
    public static XdpAction TailReturnValues(XdpContext ctx)
    {
        int length = ctx.Length;
        int tooShort = Bpf.XdpAdjustTail(ctx, 13 - length);
        int tooLong = Bpf.XdpAdjustTail(ctx, 4000);
        int grow = Bpf.XdpAdjustTail(ctx, 16);
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Aborted;
        data[0] = (byte)tooShort;
        data[1] = (byte)tooLong;
        data[2] = (byte)grow;
        return tooShort == -22 && tooLong == -22 && grow == 0 ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>Grows an 8-byte metadata area, fills it, and checks the -EACCES/-EINVAL answers.</summary>
    [Xdp]
    public static XdpAction Metadata(XdpContext ctx)
    {
        int unaligned = Bpf.XdpAdjustMeta(ctx, -3);
        int past = Bpf.XdpAdjustMeta(ctx, 4);
        int grow = Bpf.XdpAdjustMeta(ctx, -8);
        if (grow != 0)
            return XdpAction.Aborted;
        byte* meta = ctx.DataMeta;
        byte* data = ctx.Data;
        if (meta + 8 > data)
            return XdpAction.Aborted;
        meta[0] = (byte)unaligned;
        meta[1] = (byte)past;
        meta[2] = 0xAB;
        meta[3] = 0xCD;
        *(uint*)(meta + 4) = ctx.IngressIfindex + ctx.RxQueueIndex * 16;
        return unaligned == -13 && past == -22 ? XdpAction.Pass : XdpAction.Drop;
    }
}

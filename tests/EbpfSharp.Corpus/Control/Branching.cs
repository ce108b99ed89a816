using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Control;

/// <summary>What a packet looks like, as a classifier sees it.</summary>
public enum PacketKind : byte
{
    Runt,
    Other,
    Arp,
    IPv4,
    IPv6,
    Tagged,
}

/// <summary>Boolean logic, enums and switch statements.</summary>
public static unsafe class Branching
{
    private static PacketKind Classify(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return PacketKind.Runt;
        return eth->EtherType switch
        {
            EtherType.Arp => PacketKind.Arp,
            EtherType.IPv4 => PacketKind.IPv4,
            EtherType.IPv6 => PacketKind.IPv6,
            EtherType.Vlan or EtherType.QinQ => PacketKind.Tagged,
            _ => PacketKind.Other,
        };
    }

    /// <summary>An enum-returning classifier inlined and switched on; the kind is written into the packet.</summary>
    [Xdp]
    public static XdpAction EnumClassify(XdpContext ctx)
    {
        PacketKind kind = Classify(ctx);
        if (kind == PacketKind.Runt)
            return XdpAction.Aborted;
        byte* data = ctx.Data;
        if (data + 1 > ctx.DataEnd)
            return XdpAction.Aborted;
        data[0] = (byte)kind;
        switch (kind)
        {
            case PacketKind.Arp:
                return XdpAction.Drop;
            case PacketKind.Tagged:
                return XdpAction.Tx;
            default:
                return XdpAction.Pass;
        }
    }

    /// <summary>Short-circuit and non-short-circuit boolean logic over header bits.</summary>
    [Xdp]
    public static XdpAction BoolLogic(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 16 > ctx.DataEnd)
            return XdpAction.Pass;
        bool multicast = (data[0] & 1) != 0;
        bool local = (data[0] & 2) != 0;
        bool sourceMulticast = (data[6] & 1) != 0;
        bool ipv4 = data[12] == 0x08 & data[13] == 0x00;
        bool weird = multicast ^ local | sourceMulticast && !ipv4;
        bool flag = data[14] > data[15] || data[14] == 0 && data[15] != 0;
        data[14] = (byte)((weird ? 1 : 0) | (flag ? 2 : 0) | (!multicast ? 4 : 0));
        if (sourceMulticast && !weird)
            return XdpAction.Aborted;
        return weird ? XdpAction.Drop : flag ? XdpAction.Tx : XdpAction.Pass;
    }

    /// <summary>A dense switch with four cases on the IPv4 protocol's low bits.</summary>
    [Xdp]
    public static XdpAction DenseSmallSwitch(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 15 > ctx.DataEnd)
            return XdpAction.Pass;
        switch (data[14] & 3)
        {
            case 0: data[14] = 0xA0; return XdpAction.Pass;
            case 1: data[14] = 0xB1; return XdpAction.Drop;
            case 2: data[14] = 0xC2; break;
            case 3: data[14] = 0xD3; return XdpAction.Tx;
        }
        return XdpAction.Aborted;
    }

    /// <summary>A dense switch with sixteen cases computing a value written back to the packet.</summary>
    [Xdp]
    public static XdpAction DenseLargeSwitch(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 18 > ctx.DataEnd)
            return XdpAction.Pass;
        int x = data[15];
        int result;
        switch (data[14] % 17)
        {
            case 0: result = x + 1; break;
            case 1: result = x * 3; break;
            case 2: result = x - 7; break;
            case 3: result = x ^ 0x55; break;
            case 4: result = x << 2; break;
            case 5: result = x >> 1; break;
            case 6: result = ~x; break;
            case 7: result = x | 0x80; break;
            case 8: result = x & 0x0F; break;
            case 9: result = x * x; break;
            case 10: result = 100 - x; break;
            case 11: result = x / 3; break;
            case 12: result = x % 5; break;
            case 13: result = -x; break;
            case 14: result = x + data[16]; break;
            case 15: result = x - data[17]; break;
            default: result = 0x1234; break;
        }
        data[16] = (byte)result;
        data[17] = (byte)(result >> 8);
        return result > 200 ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>A sparse switch on the EtherType (a jump table would be mostly holes).</summary>
    [Xdp]
    public static XdpAction SparseSwitch(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Aborted;
        byte code;
        switch (eth->EtherType)
        {
            case 0x0800: code = 1; break;
            case 0x0806: code = 2; break;
            case 0x8100: code = 3; break;
            case 0x86DD: code = 4; break;
            case 0x8847: code = 5; break;
            case 0x88A8: code = 6; break;
            case 0x88CC: code = 7; break;
            case 0x0001: code = 8; break;
            case 0xFFFF: code = 9; break;
            default: code = 0; break;
        }
        eth->Destination[0] = code;
        return code switch
        {
            0 => XdpAction.Drop,
            < 5 => XdpAction.Pass,
            _ => XdpAction.Tx,
        };
    }

    /// <summary>A string-free pattern switch with relational patterns on the packet length.</summary>
    [Xdp]
    public static XdpAction LengthBuckets(XdpContext ctx)
    {
        int length = ctx.Length;
        byte bucket = length switch
        {
            < 60 => 0,
            < 128 => 1,
            < 256 => 2,
            < 512 => 3,
            < 1024 => 4,
            _ => 5,
        };
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Aborted;
        data[13] = bucket;
        data[12] = (byte)(length & 0xFF);
        return bucket >= 4 ? XdpAction.Drop : XdpAction.Pass;
    }
}

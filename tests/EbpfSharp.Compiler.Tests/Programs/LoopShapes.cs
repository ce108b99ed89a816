using EbpfSharp;

namespace EbpfSharp.Compiler.Tests.Programs;

// Loops whose unrolling (or not) the tests pin down.
public static unsafe class LoopShapes
{
    [Xdp]
    public static XdpAction SwapSixBytes(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Pass;
        for (int i = 0; i < 6; i++)
        {
            byte t = data[i];
            data[i] = data[6 + i];
            data[6 + i] = t;
        }
        return XdpAction.Tx;
    }

    [Xdp]
    public static XdpAction DoWhileWithBreak(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 8 > ctx.DataEnd)
            return XdpAction.Pass;
        uint sum = 0;
        int i = 0;
        do
        {
            if (data[i] == 0)
                break;
            sum += data[i];
            i++;
        }
        while (i < 8);
        return sum > 100 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction VariableBound(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 30 > ctx.DataEnd)
            return XdpAction.Pass;
        int total = 0;
        int count = data[14] & 0xF;
        for (int i = 0; i < count; i++)
            total += data[15 + i];
        return total > 100 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction TooManyIterations(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Pass;
        uint hash = 2166136261;
        for (uint i = 0; i < 100; i++)
            hash = (hash ^ data[i & 7]) * 16777619;
        return (hash & 1) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction BodyTooLarge(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Pass;
        uint hash = 0;
        for (int i = 0; i < 12; i++)
        {
            hash = (hash ^ data[i]) * 31 + (hash >> 3);
            hash ^= (uint)(data[i + 1] << 5) | (hash << 7);
            hash += (uint)(data[i + 2] * 7) ^ (hash >> 11);
            hash = (hash ^ data[i]) * 17 + (hash >> 2);
        }
        return (hash & 1) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction ReturnsAfterChecks(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Drop;
        if (data[12] != 0x08)
            return XdpAction.Drop;
        if (data[13] != 0x00)
            return XdpAction.Drop;
        return data[0] == 0xFF ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction StackCopy(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Pass;
        byte* buffer = stackalloc byte[16];
        for (int i = 0; i < 8; i++)
            buffer[i] = data[i];
        for (int i = 0; i < 6; i++)
            buffer[8 + i] = buffer[i];
        data[0] = (byte)(buffer[8] ^ buffer[13]);
        return XdpAction.Tx;
    }

    [Xdp]
    public static XdpAction SwapAddressesAndPorts(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out EbpfSharp.Net.IPv4Header* ip) || !ctx.TryGet(34, out EbpfSharp.Net.UdpHeader* ports))
            return XdpAction.Pass;
        uint source = ip->SourceAddress;
        ip->SourceAddress = ip->DestinationAddress;
        ip->DestinationAddress = source;
        ushort port = ports->SourcePort;
        ports->SourcePort = ports->DestinationPort;
        ports->DestinationPort = port;
        return XdpAction.Tx;
    }

    // Words summed up to a count read from the packet, each checked against the packet's end (the IPv4 header
    // checksum's loop): rotated, its address stepped, its exit reached by a jump.
    [Xdp]
    public static XdpAction WordSum(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out byte* first))
            return XdpAction.Pass;
        int words = *first & 0xF;
        if (words < 5)
            return XdpAction.Drop;
        ulong sum = 0;
        for (int i = 0; i < words; i++)
        {
            if (!ctx.TryGet(14 + 2 * i, out ushort* word))
                return XdpAction.Drop;
            sum += *word;
        }
        return (sum & 0x100) == 0 ? XdpAction.Pass : XdpAction.Tx;
    }
}

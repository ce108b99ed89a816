using System.Runtime.CompilerServices;
using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Calls;

/// <summary>BPF-to-BPF calls: methods kept out of line with NoInlining.</summary>
public static unsafe class Subprograms
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint Mix(uint a, uint b, uint c, uint d, uint e)
    {
        uint h = a * 31 + b;
        h = h * 31 + c;
        h = h * 31 + d;
        return h ^ e;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint MixTwice(uint a, uint b)
    {
        return Mix(a, b, 1, 2, 3) + Mix(b, a, 4, 5, 6);
    }

    /// <summary>A five-argument subprogram over packet values.</summary>
    [Xdp]
    public static XdpAction FiveArguments(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 20 > ctx.DataEnd)
            return XdpAction.Pass;
        uint h = Mix(data[14], data[15], data[16], data[17], data[18]);
        data[19] = (byte)h;
        return (h & 1) != 0 ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>A subprogram calling another subprogram.</summary>
    [Xdp]
    public static XdpAction Nested(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 16 > ctx.DataEnd)
            return XdpAction.Pass;
        uint h = MixTwice(data[14], data[15]);
        data[14] = (byte)(h >> 8);
        data[15] = (byte)h;
        return XdpAction.Tx;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CountNonZero(byte* start, byte* end)
    {
        int count = 0;
        for (int i = 0; i < 16; i++)
        {
            if (start + i + 1 > end)
                break;
            if (start[i] != 0)
                count++;
        }
        return count;
    }

    /// <summary>Passes the packet pointers to a subprogram that reads packet memory.</summary>
    [Xdp]
    public static XdpAction PacketPointerArgument(XdpContext ctx)
    {
        int count = CountNonZero(ctx.Data + 14, ctx.DataEnd);
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Aborted;
        data[0] = (byte)count;
        return count > 8 ? XdpAction.Drop : XdpAction.Pass;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FillKey(FlowKey* key, IPv4Header* ip)
    {
        key->Source = ip->SourceAddress;
        key->Destination = ip->DestinationAddress;
        key->SourcePort = (ushort)ip->Protocol;
        key->DestinationPort = ip->TotalLength;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint HashKey(FlowKey* key) => key->Hash();

    /// <summary>Passes a pointer to a stack struct (and a packet pointer) to subprograms that fill and hash it.</summary>
    [Xdp]
    public static XdpAction StackStructArgument(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        FlowKey key;
        FillKey(&key, ip);
        uint h = HashKey(&key);
        eth->Source[0] = (byte)(h >> 24);
        eth->Source[1] = (byte)(h >> 16);
        eth->Source[2] = (byte)(h >> 8);
        eth->Source[3] = (byte)h;
        return XdpAction.Tx;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long SignedDivide(long a, long b) => a / b;

    /// <summary>A subprogram with signed 64-bit arguments and result.</summary>
    [Xdp]
    public static XdpAction SignedArguments(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 16 > ctx.DataEnd)
            return XdpAction.Pass;
        long a = (sbyte)data[14] * 1000L;
        long b = (data[15] & 0x0F) + 1;
        if ((data[15] & 0x80) != 0)
            b = -b - 1;
        long q = SignedDivide(a, b);
        data[14] = (byte)q;
        data[15] = (byte)(q >> 8);
        return q < 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

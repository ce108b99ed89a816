using EbpfSharp;
using EbpfSharp.Net;

namespace EbpfSharp.Compiler.Tests.Programs;

// Small programs whose instructions the tests pin down.
public static unsafe class Shapes
{
    [Xdp]
    public static XdpAction PassAll(XdpContext ctx) => XdpAction.Pass;

    [Xdp]
    public static XdpAction ParseEthernet(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Drop;
        return eth->EtherType == EtherType.IPv4 ? XdpAction.Pass : XdpAction.Drop;
    }

    [Xdp]
    public static XdpAction SignedDivision(XdpContext ctx)
    {
        int value = ctx.Length - 100;
        return value / 7 > 2 ? XdpAction.Pass : XdpAction.Drop;
    }

    [Xdp]
    public static XdpAction LoopCarried(XdpContext ctx)
    {
        int count = ctx.Length & 15;
        uint sum = 0;
        uint previous = 1;
        for (int i = 0; i < count; i++)
        {
            uint next = sum + previous;
            previous = sum;
            sum = next;
        }
        return sum > 100 ? XdpAction.Pass : XdpAction.Drop;
    }

    // The TCP and UDP arms end in the same checksum update on different fields (tail merging).
    [Xdp]
    public static XdpAction RewriteBothChecksums(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || !ctx.TryGet(34, out TcpHeader* tcp))
            return XdpAction.Pass;
        uint before = ip->DestinationAddress;
        uint after = before + 1;
        ip->DestinationAddress = after;
        if (ip->Protocol == IPProtocol.Tcp)
            tcp->Checksum = Checksum.Replace32(tcp->Checksum, before, after);
        else
        {
            var udp = (UdpHeader*)tcp;
            if (udp->Checksum != 0)
                udp->Checksum = Checksum.Replace32(udp->Checksum, before, after);
        }
        return XdpAction.Tx;
    }
}

// Programs for what value ranges prove: offsets and quotients known non-negative, and the cases where a value may
// be negative (the sign extension and the signed division stay).
public static unsafe class RangeShapes
{
    static readonly ArrayMap<ulong> ErrorCounts = new(maxEntries: 512);

    /// <summary>(uint)n of a ulong proven below 512 as a map key (syscall_errors' shape): no zero-extension, no edge block.</summary>
    [Xdp]
    public static XdpAction ClampedKey(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out ulong* word))
            return XdpAction.Pass;
        ulong n = *word;
        ulong* count = ErrorCounts.Lookup(n < 512 ? (uint)n : 0);
        if (count != null)
            Interlocked.Increment(ref *count);
        return XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction HeaderLengthOffset(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        int headerLength = ip->HeaderLength;   // (b & 0xF) << 2
        if (!ctx.TryGet(14 + headerLength, out TcpHeader* tcp))
            return XdpAction.Pass;
        return tcp->DestinationPort == 22 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction HashBucket(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out uint* hash))
            return XdpAction.Pass;
        return *hash % 16 == 3 || *hash / 64 == 5 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction WideLength(XdpContext ctx)
    {
        ulong length = (ulong)ctx.Length;   // DataEnd - Data: never negative
        return length >> 3 == 7 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction MaybeNegativeOffset(XdpContext ctx)
    {
        int offset = ctx.Length - 100;
        if (!ctx.TryGet(offset, out byte* value))
            return XdpAction.Pass;
        return *value == 1 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction LoopIndexOffset(XdpContext ctx)
    {
        byte* data = ctx.Data;
        int sum = 0;
        for (int i = 0; i < 6; i++)
        {
            if (data + i + 1 > ctx.DataEnd)
                return XdpAction.Drop;
            sum += data[i];
        }
        return sum == 3 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction NegativeStartLoopOffset(XdpContext ctx)
    {
        byte* data = ctx.Data + 8;
        int sum = 0;
        int limit = (int)(ctx.Length & 3);   // a variable bound, so the loop is not unrolled into constant offsets
        for (int i = -3; i < limit; i++)
        {
            if (data + i + 1 > ctx.DataEnd)
                return XdpAction.Drop;
            sum += data[i];
        }
        return sum == 3 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction HalfHeaderLength(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        int words = ip->HeaderLength / 2;
        int rest = ip->HeaderLength % 8;
        return words + rest == 13 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction QuarterOfMaybeNegative(XdpContext ctx)
    {
        int value = ctx.Length - 100;
        return value / 4 + value % 4 > 2 ? XdpAction.Pass : XdpAction.Drop;
    }
}

namespace EbpfSharp.Corpus.Control;

/// <summary>Bounded for and while loops over packet bytes.</summary>
public static unsafe class Loops
{
    /// <summary>Sums up to the first 64 bytes with a for loop that stops at the packet's end.</summary>
    [Xdp]
    public static XdpAction ForSum(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        uint sum = 0;
        for (int i = 0; i < 64; i++)
        {
            if (data + i + 1 > end)
                break;
            sum += (uint)(data[i] * (i + 1));
        }
        if (data + 14 > end)
            return XdpAction.Aborted;
        data[12] = (byte)(sum >> 8);
        data[13] = (byte)sum;
        return (sum & 1) == 0 ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>A while loop counting leading zero bytes after the Ethernet header, at most 32.</summary>
    [Xdp]
    public static XdpAction WhileZeros(XdpContext ctx)
    {
        byte* p = ctx.Data + 14;
        byte* end = ctx.DataEnd;
        int zeros = 0;
        while (zeros < 32 && p + 1 <= end && *p == 0)
        {
            zeros++;
            p++;
        }
        byte* data = ctx.Data;
        if (data + 14 > end)
            return XdpAction.Aborted;
        data[0] = (byte)zeros;
        return zeros >= 4 ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>
    /// Nested loops with continue and break: counts byte pairs that are equal in a 6-byte window. (The verifier
    /// walks every path through data-dependent branches; a 16-byte window is more than its budget.)
    /// </summary>
    [Xdp]
    public static XdpAction NestedPairs(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 20 > ctx.DataEnd)
            return XdpAction.Pass;
        byte* window = data + 14;
        int pairs = 0;
        for (int i = 0; i < 6; i++)
        {
            if (window[i] == 0xFF)
                continue;
            for (int j = i + 1; j < 6; j++)
            {
                if (window[j] == 0xEE)
                    break;
                if (window[i] == window[j])
                    pairs++;
            }
        }
        data[0] = (byte)pairs;
        return pairs > 0 ? XdpAction.Tx : XdpAction.Pass;
    }

    /// <summary>A do-while loop that reverses bytes 14..21 in place.</summary>
    [Xdp]
    public static XdpAction DoWhileReverse(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 22 > ctx.DataEnd)
            return XdpAction.Pass;
        int lo = 14, hi = 21;
        do
        {
            byte t = data[lo];
            data[lo] = data[hi];
            data[hi] = t;
            lo++;
            hi--;
        } while (lo < hi);
        return XdpAction.Tx;
    }

    /// <summary>A do-while loop that folds the first 8 bytes, leaving early at the packet's end.</summary>
    [Xdp]
    public static XdpAction DoWhileFold(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        uint sum = 0;
        int i = 0;
        do
        {
            if (data + i + 1 > end)
                break;
            sum += (uint)data[i] << (i & 1) * 8;
            i++;
        }
        while (i < 8);
        return (sum & 0xffff) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

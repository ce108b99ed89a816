namespace EbpfSharp.Corpus.Control;

/// <summary>
/// Loops whose test the compiler moves to the bottom (loop rotation): counts read from the packet, so that the
/// corpus runs them zero, one and many times, with breaks, returns and continues, and with the index or pointer
/// used after the loop.
/// </summary>
public static unsafe class RotatedLoops
{
    /// <summary>Sums up to 15 bytes; the count is the low nibble of byte 14 (often 0 or 1).</summary>
    [Xdp]
    public static XdpAction CountedSum(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 32 > ctx.DataEnd)
            return XdpAction.Pass;
        int count = data[14] & 0xF;
        uint sum = 0;
        for (int i = 0; i < count; i++)
            sum += data[15 + i];
        data[0] = (byte)sum;
        return (sum & 1) == 0 ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>The index is used after the loop, which returns from its middle on a 0xFF byte.</summary>
    [Xdp]
    public static XdpAction IndexAfterLoop(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 32 > ctx.DataEnd)
            return XdpAction.Pass;
        int count = data[14] & 0xF;
        int i;
        for (i = 0; i < count; i++)
        {
            if (data[16 + i] == 0xFF)
                return XdpAction.Drop;
        }
        data[0] = (byte)(i * 3);
        return XdpAction.Tx;
    }

    /// <summary>A break on a zero byte shares the loop's exit; the index and the sum are used after it.</summary>
    [Xdp]
    public static XdpAction BreakOnZero(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 32 > ctx.DataEnd)
            return XdpAction.Pass;
        int count = data[14] & 0xF;
        uint sum = 0;
        int i;
        for (i = 0; i < count; i++)
        {
            if (data[16 + i] == 0)
                break;
            sum += data[16 + i];
        }
        data[0] = (byte)i;
        data[1] = (byte)sum;
        return i == count ? XdpAction.Tx : XdpAction.Pass;
    }

    /// <summary>Odd bytes are skipped with continue.</summary>
    [Xdp]
    public static XdpAction ContinueOnOdd(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 32 > ctx.DataEnd)
            return XdpAction.Pass;
        int count = data[15] & 0xF;
        uint sum = 0;
        int odd = 0;
        for (int i = 0; i < count; i++)
        {
            if ((data[16 + i] & 1) != 0)
            {
                odd++;
                continue;
            }
            sum += data[16 + i];
        }
        data[0] = (byte)sum;
        data[1] = (byte)odd;
        return odd > 3 ? XdpAction.Drop : XdpAction.Tx;
    }

    /// <summary>A pointer steps as far as a count read from the packet says, checking the packet's end each step.</summary>
    [Xdp]
    public static XdpAction PointerSteps(XdpContext ctx)
    {
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if (data + 15 > end)
            return XdpAction.Pass;
        byte* p = data + 15;
        int count = data[14] & 0x1F;
        uint sum = 0;
        for (int n = 0; n < count; n++)
        {
            if (p + 1 > end)
                return XdpAction.Aborted;
            sum += *p;
            p++;
        }
        data[0] = (byte)(p - data);
        data[1] = (byte)sum;
        return XdpAction.Tx;
    }

    /// <summary>Sums 16-bit words like an IPv4 header checksum, with the word count from the packet.</summary>
    [Xdp]
    public static XdpAction WordSum(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out byte* first))
            return XdpAction.Pass;
        int words = *first & 0xF;
        ulong sum = 0;
        for (int i = 0; i < words; i++)
        {
            if (!ctx.TryGet(16 + 2 * i, out ushort* word))
                return XdpAction.Drop;
            sum += *word;
        }
        return (sum & 0x100) == 0 ? XdpAction.Pass : XdpAction.Tx;
    }
}

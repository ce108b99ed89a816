namespace EbpfSharp.Corpus.Control;

/// <summary>
/// Loops with a constant trip count, which the compiler unrolls, next to ones it must keep: the values they
/// leave behind, exits from the middle, counting down, steps other than one, and an empty loop.
/// </summary>
public static unsafe class ConstantLoops
{
    /// <summary>Swaps the two MAC addresses byte by byte.</summary>
    [Xdp]
    public static XdpAction SwapMacs(XdpContext ctx)
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

    /// <summary>A sum and the index both live after the loop, which also returns from its middle.</summary>
    [Xdp]
    public static XdpAction SumWithReturn(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 24 > ctx.DataEnd)
            return XdpAction.Pass;
        uint sum = 0;
        int i;
        for (i = 0; i < 6; i++)
        {
            if (data[14 + i] == 0xAA)
                return XdpAction.Drop;
            sum += data[14 + i];
            if (sum > 1500)
                break;
        }
        data[0] = (byte)sum;
        data[1] = (byte)i;
        return XdpAction.Tx;
    }

    /// <summary>Counts down by three with a long index; a step other than one.</summary>
    [Xdp]
    public static XdpAction CountDown(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 16 > ctx.DataEnd)
            return XdpAction.Pass;
        ulong value = 0;
        for (long i = 15; i >= 0; i -= 3)
            value = value * 31 + data[i];
        data[0] = (byte)value;
        data[1] = (byte)(value >> 8);
        return (value & 3) == 0 ? XdpAction.Drop : XdpAction.Tx;
    }

    /// <summary>Nested constant loops: a 3 × 4 table of products written to the packet.</summary>
    [Xdp]
    public static XdpAction NestedTable(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 26 > ctx.DataEnd)
            return XdpAction.Pass;
        for (int row = 0; row < 3; row++)
            for (int column = 0; column < 4; column++)
                data[14 + row * 4 + column] = (byte)(data[row] * (column + 1));
        return XdpAction.Tx;
    }

    /// <summary>A loop that never runs, and one whose bound comes from the packet (kept as a loop).</summary>
    [Xdp]
    public static XdpAction EmptyAndVariable(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 30 > ctx.DataEnd)
            return XdpAction.Pass;
        int total = 0;
        for (int i = 10; i < 3; i++)
            total += data[i];
        int count = data[14] & 0xF;
        for (int i = 0; i < count; i++)
            total += data[15 + i];
        data[0] = (byte)total;
        return XdpAction.Tx;
    }

    /// <summary>Too many iterations to unroll (kept as a loop), with an unsigned index and a shift.</summary>
    [Xdp]
    public static XdpAction LongLoop(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Pass;
        uint hash = 2166136261;
        for (uint i = 0; i < 100; i++)
            hash = (hash ^ data[i & 7]) * 16777619;
        data[0] = (byte)hash;
        return (hash & 1) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>A while loop over a stack buffer that doubles its index; a stackalloc stays a stack access.</summary>
    [Xdp]
    public static XdpAction StackPowers(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 20 > ctx.DataEnd)
            return XdpAction.Pass;
        byte* buffer = stackalloc byte[16];
        int i = 1;
        while (i < 16)
        {
            buffer[i] = data[i];
            i <<= 1;
        }
        data[0] = (byte)(buffer[1] + buffer[2] + buffer[4] + buffer[8]);
        return XdpAction.Tx;
    }

    /// <summary>
    /// Byte copies the compiler may merge into wider ones (bytes 0..7 to 20..27) next to ones it must not: a copy
    /// one byte up within a range it overlaps (each load reads the byte just stored) and a reversing copy.
    /// </summary>
    [Xdp]
    public static XdpAction OverlappingCopies(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 40 > ctx.DataEnd)
            return XdpAction.Pass;
        for (int i = 0; i < 8; i++)
            data[20 + i] = data[i];
        for (int i = 0; i < 6; i++)
            data[29 + i] = data[28 + i];
        for (int i = 0; i < 4; i++)
            data[36 + i] = data[3 - i];
        return XdpAction.Tx;
    }
}

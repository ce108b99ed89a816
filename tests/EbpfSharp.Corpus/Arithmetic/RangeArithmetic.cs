namespace EbpfSharp.Corpus.Arithmetic;

/// <summary>
/// What value ranges change: divisions and remainders by powers of two of values that are or may be negative,
/// int offsets added to pointers (masked, loop indexes, possibly negative), narrowings that are or are not
/// no-ops, and compares the ranges decide.
/// </summary>
public static unsafe class RangeArithmetic
{
    /// <summary>Signed division and remainder by powers of two, of non-negative and of possibly negative values.</summary>
    [Xdp]
    public static XdpAction PowerOfTwoDivisions(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        int known = o->U8 & 0x3F;
        int any = o->S32;
        short small = o->S16;
        o->S32 = known / 2 + known % 4 * 100 + any / 8 - any % 16 + small / 4 + small % 2;
        o->S64 = o->S64 / 1024 + (long)(o->U16 >> 1) / 32 + (long)(o->U16 >> 1) % 64;
        o->S16 = (short)((known - 20) / 4 + (known - 20) % 8);
        return (o->S32 & 1) == 0 ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>Offsets: a masked header length, a quotient and a remainder of values that may be negative.</summary>
    [Xdp]
    public static XdpAction Offsets(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        int masked = (o->U8 & 0xF) << 2;
        int quarter = 20 + o->S8 / 8;    // [4, 35]
        int rest = 32 + o->S16 % 32;     // [1, 63]
        if (!ctx.TryGet(14 + masked, out byte* a))
            return XdpAction.Drop;
        int sum = *a;
        if (!ctx.TryGet(quarter, out byte* b))
            return XdpAction.Drop;
        sum += *b;
        if (!ctx.TryGet(rest, out byte* c))
            return XdpAction.Drop;
        sum += *c;
        o->U32 = (uint)sum;
        return sum > 300 ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>Loops whose index starts at zero, at a negative value, and a second offset that steps with the index.</summary>
    [Xdp]
    public static XdpAction LoopOffsets(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 64 > ctx.DataEnd)
            return XdpAction.Pass;
        int sum = 0;
        int offset = 20;
        for (int i = 0; i < 6; i++)
        {
            sum += data[i] * (i + 1);
            sum ^= data[offset];
            offset += 3;
        }
        byte* middle = data + 32;
        for (int j = -5; j < 5; j++)
            sum += middle[j] - j;
        int count = data[14] & 7;
        for (int k = 0; k < count; k++)
            sum += data[40 + k] / 2;
        *(int*)(data + 14) = sum;
        return (sum & 1) == 0 ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>Narrowings of values that fit (no-ops) and that may not, and compares that ranges decide.</summary>
    [Xdp]
    public static XdpAction Narrowings(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        int low = o->U8 & 0x7F;
        int high = o->U16;
        o->S8 = (sbyte)low;
        o->U8 = (byte)(high >> 8);
        o->S16 = (short)high;
        o->U16 = (ushort)(low * 300);
        long wide = (long)(o->S32 & 0x7FFFFFFF) + (long)o->S32;
        o->S64 = wide + (low < 128 ? 1 : 1000) + (high >= 0 ? 2 : 2000) + (o->S32 < 0 ? 4 : 0);
        return (sbyte)(high >> 1) < 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

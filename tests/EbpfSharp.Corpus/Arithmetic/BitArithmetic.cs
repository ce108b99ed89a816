namespace EbpfSharp.Corpus.Arithmetic;

/// <summary>Shifts, extensions, comparisons and wrap-around on packet values.</summary>
public static unsafe class BitArithmetic
{
    /// <summary>Variable shift amounts masked explicitly, at 32 and 64 bits, signed and unsigned.</summary>
    [Xdp]
    public static XdpAction MaskedShifts(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        int n = o->U8 & 31;
        int m = o->S8 & 63;
        o->S32 = o->S32 >> n;
        o->U32 = o->U32 >> n | o->U32 << (31 - n);
        o->S64 = o->S64 >> m;
        o->U64 = o->U64 << m ^ o->U64 >> (63 - m);
        return XdpAction.Tx;
    }

    /// <summary>Variable shift amounts straight from the packet: C# masks them to the operand width.</summary>
    [Xdp]
    public static XdpAction UnmaskedShifts(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        int n = o->U8;
        int m = o->S8;
        o->S32 = o->S32 << n;
        o->U32 = o->U32 >> m;
        o->S64 = o->S64 >> n;
        o->U64 = o->U64 << m;
        return XdpAction.Tx;
    }

    /// <summary>Sign and zero extension between every width.</summary>
    [Xdp]
    public static XdpAction Extensions(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        sbyte s8 = o->S8;
        byte u8 = o->U8;
        short s16 = o->S16;
        ushort u16 = o->U16;
        int s32 = o->S32;
        uint u32 = o->U32;
        o->S64 = s8 + (long)s16 * 3 + s32;        // sign-extended
        o->U64 = u8 + (ulong)u16 * 3 + u32;       // zero-extended
        o->S32 = (sbyte)u8 + (short)u16;          // reinterpret then sign-extend
        o->U32 = (byte)s8 + (uint)(ushort)s16;    // reinterpret then zero-extend
        o->S16 = (short)(sbyte)s32;
        o->U16 = (ushort)(long)o->U64;
        return s32 < 0 ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>Signed and unsigned comparisons of every width, packed into a bit mask written to the packet.</summary>
    [Xdp]
    public static XdpAction Comparisons(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        uint mask = 0;
        if (o->S8 < 0) mask |= 1;
        if (o->U8 > 200) mask |= 2;
        if (o->S16 <= -1000) mask |= 4;
        if (o->U16 >= 40000) mask |= 8;
        if (o->S32 < o->S16) mask |= 16;
        if (o->U32 < (uint)o->S32) mask |= 32;
        if (o->S64 > 0) mask |= 64;
        if (o->U64 > (ulong)o->S64) mask |= 128;
        if ((uint)o->S32 > 0x7FFFFFFFu) mask |= 256;
        if (o->S64 >= o->S32) mask |= 512;
        if (o->S8 == o->U8) mask |= 1024;
        if (o->U16 != (ushort)o->S16) mask |= 2048;
        o->U32 = mask;
        return (mask & 0x41) == 0x41 ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>Unchecked wrap-around at every width.</summary>
    [Xdp]
    public static XdpAction WrapAround(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        o->U8 = (byte)(o->U8 + 200);
        o->S8 = (sbyte)(o->S8 - 100);
        o->U16 = (ushort)(o->U16 * 300);
        o->S16 = (short)(o->S16 + short.MaxValue);
        o->S32 = o->S32 + int.MaxValue;
        o->U32 = o->U32 - 0xF0000000u;
        o->S64 = o->S64 * 0x100000001L + long.MinValue;
        o->U64 = 0UL - o->U64;
        int negated = -o->S32;
        return negated > 0 ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>Bitwise and/or/xor/not and rotations at every width.</summary>
    [Xdp]
    public static XdpAction Bitwise(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        o->U8 = (byte)~(o->U8 ^ 0x5A);
        o->S8 = (sbyte)(o->S8 & 0x70 | 0x03);
        o->U16 = (ushort)(o->U16 << 4 | o->U16 >> 12);
        o->S16 = (short)~o->S16;
        o->U32 = (o->U32 << 9 | o->U32 >> 23) ^ 0xDEADBEEF;
        o->S32 = o->S32 & ~0xFF | 0x11;
        o->U64 = o->U64 >> 32 | o->U64 << 32;
        o->S64 = ~o->S64 ^ 0x0123456789ABCDEFL;
        return XdpAction.Tx;
    }
}

namespace EbpfSharp.Corpus.Arithmetic;

/// <summary>Add, subtract, multiply, divide and remainder at every width and signedness, on packet values.</summary>
public static unsafe class WidthArithmetic
{
    /// <summary>8-bit: byte and sbyte arithmetic, results stored back with wrap-around.</summary>
    [Xdp]
    public static XdpAction Bytes(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        sbyte a = o->S8;
        byte b = o->U8;
        sbyte d = (sbyte)((a & 0x3F) + 2);
        if (b > 127)
            d = (sbyte)-d;
        byte ud = (byte)(b | 1);
        o->S8 = (sbyte)(a * d + a / d - a % d);
        o->U8 = (byte)(b + ud * 3 - b / ud + b % ud);
        return (o->S8 & 1) == 0 ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>16-bit: short and ushort.</summary>
    [Xdp]
    public static XdpAction Shorts(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        short a = o->S16;
        ushort b = o->U16;
        short d = (short)((a & 0xFFF) + 2);
        if ((b & 1) != 0)
            d = (short)-d;
        ushort ud = (ushort)(b == 0 ? 7 : b);
        o->S16 = (short)(a / d + a % d - a * 3);
        o->U16 = (ushort)(b / ud * 1000 + (ushort)(b * b) % ud - b);
        return o->S16 < 0 ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>32-bit: int and uint (ALU32).</summary>
    [Xdp]
    public static XdpAction Ints(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        int a = o->S32;
        uint b = o->U32;
        int d = (a & 0xFFFF) + 2;
        if (b > 0x80000000u)
            d = -d;
        uint ud = b >> 7 | 1;
        o->S32 = a / d * 7 - a % d + a * d;
        o->U32 = b / ud + b % ud * 13 - b * ud;
        return (o->U32 & 3) switch { 0 => XdpAction.Pass, 1 => XdpAction.Drop, 2 => XdpAction.Tx, _ => XdpAction.Aborted };
    }

    /// <summary>64-bit: long and ulong.</summary>
    [Xdp]
    public static XdpAction Longs(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        long a = o->S64;
        ulong b = o->U64;
        long d = (a & 0xFFFFFFF) + 2;
        if ((long)b < 0)
            d = -d;
        ulong ud = b >> 33 | 3;
        o->S64 = a / d - a % d + a * 5;
        o->U64 = b / ud + b % ud - b * 0x9E3779B97F4A7C15UL;
        return o->S64 > o->S32 ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>Mixed widths: a long accumulated from all eight operands, each promoted by C# rules.</summary>
    [Xdp]
    public static XdpAction Mixed(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out Operands* o))
            return XdpAction.Pass;
        long total = o->S8 + o->U8 + o->S16 + o->U16 + o->S32;
        total += o->U32;
        total -= o->S64;
        ulong unsignedTotal = (ulong)total + o->U64;
        o->S64 = total;
        o->U64 = unsignedTotal;
        return total < 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Arithmetic;

/// <summary>
/// <c>(uint)</c> of a long whose range fits 32 bits (Optimize/RangeSimplification.cs drops the zero-extension), on
/// one arm of a phi and then used both as a 32-bit and as a 64-bit value; and one whose range does not fit.
/// </summary>
public static unsafe class NarrowedLongs
{
    /// <summary>A ulong below 512 or zero, stored as 4 bytes and added as a ulong.</summary>
    [Xdp]
    public static XdpAction ClampedWord(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out ulong* words) || !ctx.TryGet(14 + 3 * sizeof(ulong), out byte* end))
            return XdpAction.Pass;
        ulong n = words[0];
        uint key = n < 512 ? (uint)n : 0;
        *(uint*)(words + 1) = key;
        words[2] = words[2] + key;
        return XdpAction.Tx;
    }

    /// <summary>A negated long below 2^33 truncated: the high bit must go.</summary>
    [Xdp]
    public static XdpAction TruncatedWide(XdpContext ctx)
    {
        if (!ctx.TryGet(14 + 3 * sizeof(ulong), out byte* end))
            return XdpAction.Pass;
        ulong* words = (ulong*)(ctx.Data + 14);
        long value = -(long)words[0];
        uint low = value < 0 && value > -(1L << 33) ? (uint)(-value) : 7u;
        words[1] = low;
        words[2] = (ulong)low << 8;
        return XdpAction.Tx;
    }
}

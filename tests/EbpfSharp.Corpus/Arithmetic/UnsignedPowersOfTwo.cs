using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Arithmetic;

/// <summary>
/// Unsigned division and remainder by powers of two (Optimize/Simplification.cs makes them shifts and masks), on
/// 32- and 64-bit values read from the packet, including divisors 2^31 and 2^63 and dividends with the top bit set.
/// </summary>
public static unsafe class UnsignedPowersOfTwo
{
    /// <summary>A uint hash modulo 16 and divided by 64, written back next to it.</summary>
    [Xdp]
    public static XdpAction NarrowHash(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out uint* words) || !ctx.TryGet(14 + 4 * sizeof(uint), out byte* end))
            return XdpAction.Pass;
        uint hash = words[0];
        words[1] = hash % 16;
        words[2] = hash / 64;
        words[3] = hash % 0x8000_0000u + hash / 0x8000_0000u;
        return XdpAction.Tx;
    }

    /// <summary>The same on a ulong, with 2^63.</summary>
    [Xdp]
    public static XdpAction WideHash(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out ulong* words) || !ctx.TryGet(14 + 4 * sizeof(ulong), out byte* end))
            return XdpAction.Pass;
        ulong hash = words[0];
        words[1] = hash % 4096;
        words[2] = hash / 2;
        words[3] = hash % 0x8000_0000_0000_0000ul ^ hash / 0x8000_0000_0000_0000ul;
        return XdpAction.Tx;
    }
}

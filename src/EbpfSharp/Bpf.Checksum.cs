namespace EbpfSharp;

// Checksum helpers (kernel: net/core/filter.c).
public static unsafe partial class Bpf
{
    /// <summary>
    /// The ones'-complement checksum difference of two memory areas, for incremental checksum updates
    /// (<c>bpf_csum_diff</c>): the sum of <paramref name="to"/> minus the sum of <paramref name="from"/>, starting
    /// from <paramref name="seed"/>, folded to 16 bits (kernel 6.13 and later, on every architecture). Either area
    /// may be empty: only <paramref name="to"/> adds data to the seed's sum ("pushing"), only
    /// <paramref name="from"/> removes it ("pulling"). The sums are over the bytes as they lie in memory, so
    /// network-order fields give a network-order result.
    /// </summary>
    /// <param name="from">The old bytes (may be null when <paramref name="fromSize"/> is 0).</param>
    /// <param name="fromSize">Their size in bytes (the verifier needs a known bound; 512 at most).</param>
    /// <param name="to">The new bytes (may be null when <paramref name="toSize"/> is 0).</param>
    /// <param name="toSize">Their size in bytes.</param>
    /// <param name="seed">A running 32-bit checksum to continue, or 0.</param>
    /// <returns>A 16-bit ones'-complement sum (0 to 0xFFFF, never negative): feed it to
    /// <see cref="Net.Checksum.Fold(ulong)"/> to get a checksum field's value.</returns>
    [BpfHelper(28)]
    public static long CsumDiff(uint* from, uint fromSize, uint* to, uint toSize, uint seed) =>
        X86Checksum.Diff((byte*)from, (int)fromSize, (byte*)to, (int)toSize, seed);
}

using System.Buffers.Binary;

namespace EbpfSharp.Net;

/// <summary>
/// Internet checksum arithmetic (RFC 1071, incremental updates per RFC 1624) in plain integer code, so programs
/// can call it in the kernel as well as on the CLR. Checksums here are host-order values, as the headers'
/// <c>Checksum</c> properties read and write them: <c>ip-&gt;Checksum = Checksum.Replace16(ip-&gt;Checksum, old, new)</c>.
/// </summary>
public static unsafe class Checksum
{
    /// <summary>
    /// Folds a running sum of 16-bit words into 16 bits with end-around carries and complements it: the value
    /// of a checksum field over those words (the kernel's csum_fold). The result has the byte order of the words
    /// summed; a sum of up to 2^48 words cannot lose a carry.
    /// </summary>
    /// <param name="sum">The plain sum of the 16-bit words (or of 32-bit words, or a <see cref="Bpf.CsumDiff"/> result).</param>
    public static ushort Fold(ulong sum)
    {
        sum = (sum & 0xFFFFFFFF) + (sum >> 32);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary>
    /// The checksum after one 16-bit word it covers changes from <paramref name="oldValue"/> to
    /// <paramref name="newValue"/> (RFC 1624, equation 3: HC' = ~(~HC + ~m + m')). All three in host order.
    /// </summary>
    /// <param name="checksum">The checksum field's value now.</param>
    /// <param name="oldValue">The covered word's old value.</param>
    /// <param name="newValue">The covered word's new value.</param>
    public static ushort Replace16(ushort checksum, ushort oldValue, ushort newValue) =>
        Fold((ulong)(ushort)~checksum + (ushort)~oldValue + newValue);

    /// <summary>
    /// The checksum after one 32-bit value it covers (an IPv4 address, a sequence number) changes from
    /// <paramref name="oldValue"/> to <paramref name="newValue"/> (RFC 1624, equation 3 over both halves). All
    /// three in host order.
    /// </summary>
    /// <param name="checksum">The checksum field's value now.</param>
    /// <param name="oldValue">The covered value's old value.</param>
    /// <param name="newValue">The covered value's new value.</param>
    public static ushort Replace32(ushort checksum, uint oldValue, uint newValue) =>
        Fold((ulong)(ushort)~checksum + ~oldValue + newValue);

    /// <summary>
    /// The checksum after the bytes it covers changed by <paramref name="difference"/>, a
    /// <see cref="Bpf.CsumDiff"/> result over the old and new bytes in packet memory (network order) seeded with 0.
    /// </summary>
    /// <param name="checksum">The checksum field's value now, in host order.</param>
    /// <param name="difference">What <see cref="Bpf.CsumDiff"/> returned.</param>
    /// <returns>The new checksum in host order.</returns>
    public static ushort ApplyDifference(ushort checksum, long difference) =>
        BinaryPrimitives.ReverseEndianness(Fold((ulong)(ushort)~BinaryPrimitives.ReverseEndianness(checksum) + (ulong)difference));

    /// <summary>
    /// The checksum an IPv4 header without options should carry: RFC 1071 over its 20 bytes with the checksum
    /// field taken as 0. For a header with options, sum those words too.
    /// </summary>
    /// <param name="header">The header, already bounds-checked.</param>
    /// <returns>The checksum in host order, for <see cref="IPv4Header.Checksum"/>.</returns>
    public static ushort OfIPv4Header(IPv4Header* header)
    {
        // Words 0-9 as they lie in memory; word 5 is the checksum itself.
        ushort* words = (ushort*)header;
        ulong sum = (ulong)words[0] + words[1] + words[2] + words[3] + words[4] + words[6] + words[7] + words[8] + words[9];
        return BinaryPrimitives.ReverseEndianness(Fold(sum));
    }
}

using System.Buffers.Binary;
using EbpfSharp.Net;

namespace EbpfSharp.Tests.Helpers;

public unsafe class CsumDiffTests
{
    private static long Diff(byte[] from, byte[] to, uint seed)
    {
        fixed (byte* f = from)
        fixed (byte* t = to)
            return Bpf.CsumDiff((uint*)f, (uint)from.Length, (uint*)t, (uint)to.Length, seed);
    }

    // The plain RFC 1071 sum of 16-bit little-endian words, folded with end-around carries (not complemented).
    private static ushort Reference(byte[] data, uint seed)
    {
        ulong sum = seed;
        for (int i = 0; i < data.Length; i += 2)
            sum += (ulong)(data[i] | (i + 1 < data.Length ? data[i + 1] << 8 : 0));
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)sum;
    }

    [Fact]
    public void Pushing_data_sums_it_onto_the_seed_RFC_1071_example()
    {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (bytes as in memory, so the result is byte-swapped).
        byte[] data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];

        Assert.Equal((long)BinaryPrimitives.ReverseEndianness((ushort)0xddf2), Diff([], data, 0));
    }

    [Fact]
    public void An_IPv4_header_with_a_correct_checksum_sums_to_ones_complement_zero()
    {
        byte[] header = Convert.FromHexString("45000073000040004011b861c0a80001c0a800c7");

        Assert.Equal(0xFFFF, Diff([], header, 0));
    }

    [Fact]
    public void Diffing_equal_areas_gives_zero()
    {
        byte[] value = [1, 2, 3, 4, 5, 6, 7, 8];

        // sum(to) + ~sum(from) is ones'-complement zero, all ones in 16 bits.
        Assert.Equal(0xFFFF, Diff(value, value, 0));
    }

    [Fact]
    public void Diff_of_an_address_change_updates_the_IPv4_checksum()
    {
        byte[] header = Convert.FromHexString("45000073000040004011b861c0a80001c0a800c7");
        byte[] oldAddress = header[12..16];
        byte[] newAddress = [10, 0, 0, 1];
        long difference = Diff(oldAddress, newAddress, 0);

        newAddress.CopyTo(header, 12);
        ushort expected;
        fixed (byte* h = header)
            expected = Checksum.OfIPv4Header((IPv4Header*)h);
        Assert.Equal(expected, Checksum.ApplyDifference(0xb861, difference));
    }

    [Fact]
    public void Pulling_data_removes_it_from_the_seed()
    {
        byte[] data = [0x12, 0x34, 0x56, 0x78];
        uint seed = Reference([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0], 0);

        Assert.Equal(Reference([0x9a, 0xbc, 0xde, 0xf0], 0), Diff(data, [], seed));
    }

    [Fact]
    public void Nothing_to_diff_returns_the_seed_folded_to_16_bits()
    {
        Assert.Equal(0x1235, Diff([], [], 0x00011234));
        Assert.Equal(0, Diff([], [], 0));
    }

    [Theory]
    [InlineData(1, 4, 4)]
    [InlineData(2, 40, 40)]
    [InlineData(3, 80, 0)]
    [InlineData(4, 0, 200)]
    [InlineData(5, 6, 3)]
    [InlineData(6, 128, 128)]
    [InlineData(7, 119, 73)]
    public void Result_is_the_16_bit_ones_complement_difference_for_any_sizes(int seed, int fromSize, int toSize)
    {
        var random = new Random(seed);
        var from = new byte[fromSize];
        var to = new byte[toSize];
        random.NextBytes(from);
        random.NextBytes(to);
        uint start = (uint)random.Next();

        // ~from sums like the negation of from; equal sums modulo 0xFFFF.
        long result = Diff(from, to, start);
        ushort toSum = Reference(to, start);
        ushort fromSum = Reference(from, 0);
        int expected = (toSum + (ushort)~fromSum) % 0xFFFF;

        Assert.InRange(result, 0, 0xFFFF);
        Assert.Equal(expected, (int)(result % 0xFFFF));
    }

    [Fact]
    public void All_ones_words_keep_the_x86_carry_chain_representation()
    {
        // Two 80-byte chains of 0xFF.. words: the x86 add/adc sequence ends on an all-ones (negative zero) sum.
        var ones = Enumerable.Repeat((byte)0xff, 80).ToArray();

        Assert.Equal(0xFFFF, Diff([], ones, 0));
        Assert.Equal(0xFFFF, Diff([], ones, 0xFFFFFFFF));
    }
}

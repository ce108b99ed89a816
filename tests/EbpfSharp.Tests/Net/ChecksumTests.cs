using EbpfSharp.Net;

namespace EbpfSharp.Tests.Net;

public unsafe class ChecksumTests
{
    [Fact]
    public void Fold_complements_the_RFC_1071_example_sum()
    {
        // RFC 1071 section 3: 0001 + f203 + f4f5 + f6f7 = 2ddf0, folded ddf2, checksum 220d.
        Assert.Equal(0x220d, Checksum.Fold(0x0001 + 0xf203 + 0xf4f5 + 0xf6f7));
    }

    [Fact]
    public void Fold_carries_out_of_all_64_bits()
    {
        Assert.Equal(0, Checksum.Fold(ulong.MaxValue));
        Assert.Equal(0xFFFF, Checksum.Fold(0));
    }

    [Fact]
    public void OfIPv4Header_computes_the_header_checksum()
    {
        byte[] header = Convert.FromHexString("45000073000040004011b861c0a80001c0a800c7");
        fixed (byte* h = header)
        {
            var ip = (IPv4Header*)h;
            Assert.Equal(0xb861, Checksum.OfIPv4Header(ip));
            ip->Checksum = 0;
            Assert.Equal(0xb861, Checksum.OfIPv4Header(ip));
        }
    }

    [Fact]
    public void Replace16_gives_zero_not_negative_zero_as_RFC_1624_equation_3()
    {
        // RFC 1624 section 4: HC = DD2F, m = 5555 -> 3285 gives HC' = 0000.
        Assert.Equal(0x0000, Checksum.Replace16(0xDD2F, 0x5555, 0x3285));
    }

    [Fact]
    public void Decrementing_the_ttl_and_updating_incrementally_matches_a_recomputation()
    {
        byte[] header = Convert.FromHexString("45000073000040004011b861c0a80001c0a800c7");
        fixed (byte* h = header)
        {
            var ip = (IPv4Header*)h;
            ushort oldWord = (ushort)(ip->Ttl << 8 | ip->Protocol);
            ip->Ttl--;
            ip->Checksum = Checksum.Replace16(ip->Checksum, oldWord, (ushort)(ip->Ttl << 8 | ip->Protocol));

            Assert.Equal(Checksum.OfIPv4Header(ip), ip->Checksum);
        }
    }

    [Fact]
    public void Replace32_updates_for_a_new_address_as_a_recomputation_would()
    {
        byte[] header = Convert.FromHexString("45000073000040004011b861c0a80001c0a800c7");
        fixed (byte* h = header)
        {
            var ip = (IPv4Header*)h;
            uint old = ip->DestinationAddress;
            ip->DestinationAddress = 0x0A000001;
            ip->Checksum = Checksum.Replace32(ip->Checksum, old, ip->DestinationAddress);

            Assert.Equal(Checksum.OfIPv4Header(ip), ip->Checksum);
        }
    }
}

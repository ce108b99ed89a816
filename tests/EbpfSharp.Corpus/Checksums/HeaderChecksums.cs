using System.Buffers.Binary;
using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Checksums;

/// <summary>IPv4 header checksums: the library helpers, a bounded loop, and bpf_csum_diff.</summary>
public static unsafe class HeaderChecksums
{
    /// <summary>Drops IPv4 packets whose header checksum (no options) is wrong; writes the computed one over the MAC.</summary>
    [Xdp]
    public static XdpAction VerifyWithHelper(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->HeaderLength != 20)
            return XdpAction.Pass;
        ushort expected = Checksum.OfIPv4Header(ip);
        eth->Destination[0] = (byte)(expected >> 8);
        eth->Destination[1] = (byte)expected;
        return expected == ip->Checksum ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>Sums the whole IPv4 header including options in a bounded loop; a valid header folds to 0.</summary>
    [Xdp]
    public static XdpAction LoopSum(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        int words = ip->HeaderLength / 2;
        byte* start = (byte*)ip;
        byte* end = ctx.DataEnd;
        ulong sum = 0;
        for (int i = 0; i < 30; i++)
        {
            if (i >= words)
                break;
            ushort* word = (ushort*)(start + i * 2);
            if ((byte*)(word + 1) > end)
                return XdpAction.Drop;
            sum += *word;
        }
        ushort folded = Checksum.Fold(sum);
        eth->Source[0] = (byte)folded;
        eth->Source[1] = (byte)(folded >> 8);
        return folded == 0 ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>Recomputes the IPv4 header checksum from scratch and writes it into the packet.</summary>
    [Xdp]
    public static XdpAction Recompute(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->HeaderLength != 20)
            return XdpAction.Pass;
        ip->Checksum = 0;
        ip->Checksum = Checksum.OfIPv4Header(ip);
        return XdpAction.Tx;
    }

    /// <summary>Rewrites the destination address and updates the checksum with bpf_csum_diff over the old and new words.</summary>
    [Xdp]
    public static XdpAction CsumDiffRewrite(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->HeaderLength != 20)
            return XdpAction.Pass;
        uint from = BinaryPrimitives.ReverseEndianness(ip->DestinationAddress);
        uint to = BinaryPrimitives.ReverseEndianness(0xC0A80001u);
        long difference = Bpf.CsumDiff(&from, 4, &to, 4, 0);
        if (difference < 0)
            return XdpAction.Aborted;
        ip->DestinationAddress = 0xC0A80001;
        ip->Checksum = Checksum.ApplyDifference(ip->Checksum, difference);
        return XdpAction.Tx;
    }

    /// <summary>bpf_csum_diff pushing the 20-byte header straight from packet memory; the folded sum goes into the MAC.</summary>
    [Xdp]
    public static XdpAction CsumDiffOverPacket(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        long sum = Bpf.CsumDiff(null, 0, (uint*)ip, 20, 0);
        ushort folded = Checksum.Fold((ulong)sum);
        eth->Destination[4] = (byte)folded;
        eth->Destination[5] = (byte)(folded >> 8);
        return folded == 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}

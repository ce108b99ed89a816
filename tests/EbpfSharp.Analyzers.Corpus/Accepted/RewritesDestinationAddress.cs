using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// NATs one destination address, fixing the IPv4 checksum with bpf_csum_diff.
public static unsafe class RewritesDestinationAddress
{
    private static readonly uint NewDestination = 0x0A000002;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        uint before = ip->DestinationAddress;
        if (before != 0x0A000001)
            return XdpAction.Pass;
        ip->DestinationAddress = NewDestination;
        uint oldWord = before;
        uint newWord = NewDestination;
        long difference = Bpf.CsumDiff(&oldWord, 4, &newWord, 4, 0);
        ip->Checksum = Checksum.ApplyDifference(ip->Checksum, difference);
        return XdpAction.Tx;
    }
}

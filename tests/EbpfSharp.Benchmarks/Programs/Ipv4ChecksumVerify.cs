using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// Verifies the IPv4 header checksum over the whole header, options included (a loop of up to 30 words): passes
/// valid headers, drops bad or truncated ones; other EtherTypes pass. Twin: c/ipv4_checksum.c.
/// </summary>
public static unsafe class Ipv4ChecksumVerify
{
    [Xdp]
    public static XdpAction VerifyChecksum(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Drop;
        // Not HeaderLength / 2: the compiler emits a signed division, whose result the verifier cannot bound,
        // and the loop below then never ends for it. The shift keeps words in [0, 30].
        int words = ip->HeaderLength >> 1;
        if (words < 10)
            return XdpAction.Drop;
        ulong sum = 0;
        for (int i = 0; i < words; i++)
        {
            if (!ctx.TryGet(14 + 2 * i, out ushort* word))
                return XdpAction.Drop;
            sum += *word;
        }
        return Checksum.Fold(sum) == 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}

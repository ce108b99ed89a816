using EbpfSharp.Net;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A token bucket per source in a per-CPU hash map.
public static unsafe class RateLimitsSources
{
    private struct Bucket
    {
        public ulong Tokens;
        public ulong Refilled;
    }

    private const ulong Rate = 1000;
    private static readonly PerCpuHashMap<uint, Bucket> Buckets = new(maxEntries: 1024);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        ulong now = Bpf.KtimeGetCoarseNs();
        Bucket* bucket = Buckets.Lookup(ip->SourceAddress);
        if (bucket == null)
        {
            Buckets.Update(ip->SourceAddress, new Bucket { Tokens = Rate - 1, Refilled = now });
            return XdpAction.Pass;
        }
        if (now - bucket->Refilled > 1_000_000_000)
        {
            bucket->Tokens = Rate;
            bucket->Refilled = now;
        }
        if (bucket->Tokens == 0)
            return XdpAction.Drop;
        bucket->Tokens--;
        return XdpAction.Pass;
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// A token bucket per source address in an LRU hash map. Time is a packet clock in <c>.bss</c> (an atomic
/// increment whose result is used), so runs are reproducible; burst and refill interval are <c>.rodata</c>.
/// </summary>
public static unsafe partial class RateLimiter
{
    public struct TokenBucket
    {
        public ulong LastRefill;
        public uint Tokens;
        public uint Dropped;
    }

    // Large enough that the differential runs never evict (see FlowAccounting.RecentFlows).
    static readonly LruHashMap<uint, TokenBucket> Buckets = new(maxEntries: 4096);

    static ulong Clock;

    static readonly uint Burst = 3;
    static readonly ulong RefillInterval = 50;

    /// <summary>Passes a source's packets while it has tokens; refills its bucket after the interval; drops the rest.</summary>
    [Xdp]
    public static XdpAction LimitSources(XdpContext ctx)
    {
        ulong now = Interlocked.Increment(ref Clock);
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        uint source = ip->SourceAddress;
        TokenBucket* bucket = Buckets.Lookup(source);
        if (bucket == null)
        {
            Buckets.Update(source, new TokenBucket { LastRefill = now, Tokens = Burst - 1 });
            return XdpAction.Pass;
        }
        if (now - bucket->LastRefill >= RefillInterval)
        {
            bucket->Tokens = Burst;
            bucket->LastRefill = now;
        }
        if (bucket->Tokens == 0)
        {
            bucket->Dropped++;
            return XdpAction.Drop;
        }
        bucket->Tokens--;
        return XdpAction.Pass;
    }
}

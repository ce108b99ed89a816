using System.Runtime.InteropServices;
using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>A source's token bucket: when it was last refilled (ns), the tokens left, the packets dropped.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TokenBucket
{
    public ulong LastRefill;
    public uint Tokens;
    public uint Dropped;
}

/// <summary>
/// A token bucket per IPv4 source in an LRU hash map: a burst of 4 packets, refilled every second
/// (<c>bpf_ktime_get_ns</c>); drops a source's packets while its bucket is empty and counts them. Twin:
/// c/rate_limiter.c. The harness ignores <see cref="TokenBucket.LastRefill"/> when comparing the maps.
/// </summary>
public static unsafe class RateLimiter
{
    const uint Burst = 4;
    const ulong RefillNanoseconds = 1_000_000_000;

    static readonly LruHashMap<uint, TokenBucket> Buckets = new(maxEntries: 4096);

    [Xdp]
    public static XdpAction Limit(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        uint source = ip->SourceAddress;
        ulong now = Bpf.KtimeGetNs();
        TokenBucket* bucket = Buckets.Lookup(source);
        if (bucket == null)
        {
            Buckets.Update(source, new TokenBucket { LastRefill = now, Tokens = Burst - 1 });
            return XdpAction.Pass;
        }
        if (now - bucket->LastRefill >= RefillNanoseconds)
        {
            bucket->LastRefill = now;
            bucket->Tokens = Burst;
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

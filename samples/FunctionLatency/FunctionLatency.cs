using System.Threading;
using EbpfSharp;

namespace FunctionLatencySample;

/// <summary>
/// The eBPF side: <see cref="OnEntry"/> runs when the traced function is entered and stores the time by thread;
/// <see cref="OnReturn"/> runs when it returns and adds the elapsed time to a log2 histogram. The attributes name
/// no target: the host attaches both to the binary and function it is asked to time.
/// </summary>
public static unsafe partial class FunctionLatency
{
    /// <summary>Histogram buckets: bucket b counts calls that took 2^b to 2^(b+1)−1 microseconds (bucket 0: under 2).</summary>
    public const int Buckets = 32;

    /// <summary>Entry times (ns) by thread id, for the calls in progress.</summary>
    internal static readonly HashMap<uint, ulong> Starts = new(maxEntries: 10240);

    /// <summary>Calls per latency bucket.</summary>
    internal static readonly ArrayMap<ulong> Histogram = new(maxEntries: Buckets);

    /// <summary>Global (.bss): calls timed, and their total time in nanoseconds.</summary>
    internal static ulong Calls;
    internal static ulong TotalNanoseconds;

    [Uprobe]
    public static int OnEntry(PtRegs* regs)
    {
        uint thread = (uint)Bpf.GetCurrentPidTgid();
        Starts.Update(thread, Bpf.KtimeGetNs());
        return 0;
    }

    [Uretprobe]
    public static int OnReturn(PtRegs* regs)
    {
        uint thread = (uint)Bpf.GetCurrentPidTgid();
        ulong* start = Starts.Lookup(thread);
        if (start == null)
            return 0;   // entered before the probes were attached
        ulong elapsed = Bpf.KtimeGetNs() - *start;
        Starts.Delete(thread);

        ulong* bucket = Histogram.Lookup(Log2(elapsed / 1000));
        if (bucket != null)
            Interlocked.Increment(ref *bucket);
        Interlocked.Increment(ref Calls);
        Interlocked.Add(ref TotalNanoseconds, elapsed);
        return 0;
    }

    /// <summary>floor(log2(value)), 0 for 0 and 1, capped at the last bucket.</summary>
    internal static uint Log2(ulong value)
    {
        uint log = 0;
        if (value >= 1UL << 32) { value >>= 32; log += 32; }
        if (value >= 1UL << 16) { value >>= 16; log += 16; }
        if (value >= 1UL << 8) { value >>= 8; log += 8; }
        if (value >= 1UL << 4) { value >>= 4; log += 4; }
        if (value >= 1UL << 2) { value >>= 2; log += 2; }
        if (value >= 1UL << 1) log += 1;
        return log < Buckets ? log : Buckets - 1;
    }
}

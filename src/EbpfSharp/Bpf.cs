namespace EbpfSharp;

/// <summary>
/// Kernel helpers a program may call. Each is a <c>call</c> to the helper's number in the kernel; on the
/// CLR each runs the managed implementation here.
/// </summary>
public static unsafe partial class Bpf
{
    /// <summary>Nanoseconds since boot, not counting suspend (bpf_ktime_get_ns).</summary>
    [BpfHelper(5)]
    public static ulong KtimeGetNs() => (ulong)System.Diagnostics.Stopwatch.GetTimestamp() * 1_000_000_000UL / (ulong)System.Diagnostics.Stopwatch.Frequency;

    /// <summary>A pseudo-random 32-bit number (bpf_get_prandom_u32).</summary>
    [BpfHelper(7)]
    public static uint GetPrandomU32() => (uint)Random.Shared.Next() ^ ((uint)Random.Shared.Next() << 1);
}

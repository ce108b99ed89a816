using System.Diagnostics;

namespace EbpfSharp.Benchmarks.UserSpace;

/// <summary>
/// The clock the rounds are timed with: the calling thread's CPU time (user + system, clock_gettime
/// CLOCK_THREAD_CPUTIME_ID), so preemption by other work on a shared machine does not count; or wall time with
/// EBPFSHARP_USERSPACE_CLOCK=wall. The separate C harness uses the same clock; the interleaved comparison times
/// both sides with this one.
/// </summary>
public readonly struct RoundClock
{
    private static readonly bool Wall = Environment.GetEnvironmentVariable("EBPFSHARP_USERSPACE_CLOCK") == "wall";
    private readonly double _start;

    private RoundClock(double start) => _start = start;

    public static string Name => Wall ? "wall" : "thread CPU";

    public static RoundClock Start() => new(Now());

    public TimeSpan Elapsed => TimeSpan.FromSeconds(Now() - _start);

    private static unsafe double Now()
    {
        if (Wall)
            return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        Timespec time;
        ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, &time);
        return time.Seconds + time.Nanoseconds * 1e-9;
    }

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern unsafe int ClockGetTime(int clock, Timespec* time);
}

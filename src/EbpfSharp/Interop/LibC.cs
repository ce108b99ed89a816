using System.Runtime.InteropServices;

namespace EbpfSharp.Interop;

/// <summary>The libc calls behind the managed helper implementations (Linux; callers fall back elsewhere).</summary>
internal static unsafe partial class LibC
{
    // kernel: include/uapi/linux/time.h
    public const int ClockMonotonic = 1;
    public const int ClockMonotonicCoarse = 6;
    public const int ClockBoottime = 7;

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    public static partial int ClockGetTime(int clock, TimeSpec* time);

    [LibraryImport("libc", EntryPoint = "getcpu")]
    public static partial int GetCpu(uint* cpu, uint* node);

    [LibraryImport("libc", EntryPoint = "gettid")]
    public static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "getuid")]
    public static partial uint GetUid();

    [LibraryImport("libc", EntryPoint = "getgid")]
    public static partial uint GetGid();

    /// <summary>Nanoseconds on <paramref name="clock"/>, or null where clock_gettime is not there.</summary>
    public static ulong? Nanoseconds(int clock)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        TimeSpec time;
        if (ClockGetTime(clock, &time) != 0)
            return null;
        return (ulong)time.Seconds * 1_000_000_000UL + (ulong)time.Nanoseconds;
    }
}

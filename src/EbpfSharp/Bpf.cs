using System.Diagnostics;
using EbpfSharp.Interop;

namespace EbpfSharp;

/// <summary>
/// Kernel helpers a program may call. Each is a <c>call</c> to the helper's number in the kernel
/// (include/uapi/linux/bpf.h, enum bpf_func_id); on the CLR each runs the managed implementation here, which
/// gives what the kernel would where a program can observe it, and the calling thread's view of the system
/// (its CPU, ids, name, clocks) where the kernel would give the current task's.
/// </summary>
public static unsafe partial class Bpf
{
    // kernel: include/linux/jiffies.h, INITIAL_JIFFIES = (unsigned long)(unsigned int)(-300 * HZ): jiffies start
    // five minutes before wrapping 32 bits.
    private const int JiffiesBeforeWrapSeconds = 300;

    private static readonly Lazy<int> KernelHz = new(ReadKernelHz);

    /// <summary>
    /// Nanoseconds since boot, not counting suspend (<c>bpf_ktime_get_ns</c>, CLOCK_MONOTONIC).
    /// </summary>
    [BpfHelper(5)]
    public static ulong KtimeGetNs() => LibC.Nanoseconds(LibC.ClockMonotonic) ?? StopwatchNanoseconds();

    /// <summary>
    /// Nanoseconds since boot, counting suspend (<c>bpf_ktime_get_boot_ns</c>, CLOCK_BOOTTIME).
    /// </summary>
    [BpfHelper(125)]
    public static ulong KtimeGetBootNs() => LibC.Nanoseconds(LibC.ClockBoottime) ?? StopwatchNanoseconds();

    /// <summary>
    /// Nanoseconds since boot, not counting suspend, at tick resolution: cheaper and coarser than
    /// <see cref="KtimeGetNs"/> (<c>bpf_ktime_get_coarse_ns</c>, CLOCK_MONOTONIC_COARSE).
    /// </summary>
    [BpfHelper(160)]
    public static ulong KtimeGetCoarseNs() => LibC.Nanoseconds(LibC.ClockMonotonicCoarse) ?? StopwatchNanoseconds();

    /// <summary>
    /// The kernel's 64-bit tick counter (<c>bpf_jiffies64</c>). It starts five minutes' worth of ticks below
    /// 2^32 and advances CONFIG_HZ times a second; on the CLR it is computed from CLOCK_MONOTONIC and the running
    /// kernel's CONFIG_HZ (read from /proc/config.gz, 250 when that is unavailable).
    /// </summary>
    [BpfHelper(118)]
    public static ulong Jiffies64()
    {
        ulong hz = (ulong)KernelHz.Value;
        ulong initial = (uint)(-JiffiesBeforeWrapSeconds * (int)hz);
        ulong uptime = KtimeGetNs();
        return initial + uptime / 1_000_000_000UL * hz + uptime % 1_000_000_000UL * hz / 1_000_000_000UL;
    }

    /// <summary>A pseudo-random 32-bit number (<c>bpf_get_prandom_u32</c>); not for cryptography.</summary>
    [BpfHelper(7)]
    public static uint GetPrandomU32() => (uint)Random.Shared.NextInt64(1L << 32);

    /// <summary>The number of the CPU the program runs on (<c>bpf_get_smp_processor_id</c>).</summary>
    [BpfHelper(8)]
    public static uint GetSmpProcessorId()
    {
        if (OperatingSystem.IsLinux())
        {
            uint cpu, node;
            if (LibC.GetCpu(&cpu, &node) == 0)
                return cpu;
        }
        return (uint)Thread.GetCurrentProcessorId();
    }

    /// <summary>The NUMA node of the CPU the program runs on (<c>bpf_get_numa_node_id</c>).</summary>
    [BpfHelper(42)]
    public static int GetNumaNodeId()
    {
        if (OperatingSystem.IsLinux())
        {
            uint cpu, node;
            if (LibC.GetCpu(&cpu, &node) == 0)
                return (int)node;
        }
        return 0;
    }

    /// <summary>
    /// The current task's ids (<c>bpf_get_current_pid_tgid</c>): the thread group id (what user space calls the
    /// process id) in the upper 32 bits, the task id (the thread id) in the lower 32 bits. On the CLR, the
    /// calling thread's.
    /// </summary>
    [BpfHelper(14)]
    public static ulong GetCurrentPidTgid() => (ulong)(uint)Environment.ProcessId << 32 | (uint)CurrentThreadId();

    /// <summary>
    /// The current task's credentials (<c>bpf_get_current_uid_gid</c>): the group id in the upper 32 bits, the
    /// user id in the lower 32 bits.
    /// </summary>
    [BpfHelper(15)]
    public static ulong GetCurrentUidGid() =>
        OperatingSystem.IsLinux() ? (ulong)LibC.GetGid() << 32 | LibC.GetUid() : 0;

    /// <summary>
    /// Copies the current task's name (its <c>comm</c>, at most 15 characters) into <paramref name="buffer"/>,
    /// NUL-terminated and zero-padded to <paramref name="size"/> bytes, cut to <paramref name="size"/> − 1
    /// characters if longer (<c>bpf_get_current_comm</c>). Returns 0. On the CLR the name is the calling thread's,
    /// from /proc/thread-self/comm.
    /// </summary>
    /// <param name="buffer">Where to write; at least <paramref name="size"/> bytes (the verifier requires size &gt; 0).</param>
    /// <param name="size">The buffer's size in bytes; 16 (TASK_COMM_LEN) holds any name.</param>
    [BpfHelper(16)]
    public static long GetCurrentComm(byte* buffer, uint size)
    {
        var destination = new Span<byte>(buffer, checked((int)size));
        destination.Clear();
        if (size == 0)
            return 0;
        ReadOnlySpan<byte> name = CurrentComm();
        name[..Math.Min(name.Length, destination.Length - 1)].CopyTo(destination);
        return 0;
    }

    private static byte[] CurrentComm()
    {
        try
        {
            var text = File.ReadAllBytes("/proc/thread-self/comm");
            int length = text.Length;
            while (length > 0 && text[length - 1] == (byte)'\n')
                length--;
            return text[..length];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return System.Text.Encoding.ASCII.GetBytes(Process.GetCurrentProcess().ProcessName);
        }
    }

    private static int CurrentThreadId()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return LibC.GetTid();
            }
            catch (EntryPointNotFoundException)
            {
                // glibc before 2.30: /proc/thread-self links to "<tgid>/task/<tid>".
                var target = new DirectoryInfo("/proc/thread-self").LinkTarget;
                if (target is not null && int.TryParse(Path.GetFileName(target), out int tid))
                    return tid;
            }
        }
        return Environment.CurrentManagedThreadId;
    }

    private static ulong StopwatchNanoseconds()
    {
        long ticks = Stopwatch.GetTimestamp();
        return (ulong)(ticks / Stopwatch.Frequency * 1_000_000_000L + ticks % Stopwatch.Frequency * 1_000_000_000L / Stopwatch.Frequency);
    }

    private static int ReadKernelHz()
    {
        const int DefaultHz = 250;
        try
        {
            using var file = File.OpenRead("/proc/config.gz");
            using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            while (reader.ReadLine() is { } line)
            {
                if (line.StartsWith("CONFIG_HZ=", StringComparison.Ordinal) && int.TryParse(line.AsSpan("CONFIG_HZ=".Length), out int hz))
                    return hz;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
        }
        return DefaultHz;
    }
}

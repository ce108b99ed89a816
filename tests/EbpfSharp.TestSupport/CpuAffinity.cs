using System.Runtime.InteropServices;

namespace EbpfSharp.TestSupport;

/// <summary>
/// Pins the calling thread to one CPU until disposed. BPF_PROG_TEST_RUN runs an XDP program on the caller's
/// CPU, so per-CPU map values only compare between two loaders when both run on the same CPU.
/// </summary>
public sealed partial class CpuAffinity : IDisposable
{
    private const int MaskBytes = 128;          // 1024 CPUs, glibc's cpu_set_t
    private readonly byte[] _previous = new byte[MaskBytes];

    private CpuAffinity(int cpu)
    {
        if (GetAffinity(0, MaskBytes, _previous) != 0)
            throw new InvalidOperationException($"sched_getaffinity failed with errno {Marshal.GetLastPInvokeError()}.");
        var mask = new byte[MaskBytes];
        mask[cpu / 8] = (byte)(1 << (cpu % 8));
        if (SetAffinity(0, MaskBytes, mask) != 0)
            throw new InvalidOperationException($"sched_setaffinity to CPU {cpu} failed with errno {Marshal.GetLastPInvokeError()}.");
    }

    /// <summary>Pins the calling thread (pid 0 means the calling thread) to <paramref name="cpu"/>.</summary>
    public static CpuAffinity PinCurrentThread(int cpu) => new(cpu);

    /// <summary>Restores the thread's previous CPU mask.</summary>
    public void Dispose() => SetAffinity(0, MaskBytes, _previous);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int GetAffinity(int pid, nuint size, byte[] mask);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SetAffinity(int pid, nuint size, byte[] mask);
}

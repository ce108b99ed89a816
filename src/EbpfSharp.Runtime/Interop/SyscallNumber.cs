using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop;

/// <summary>Syscall numbers that differ between architectures (kernel: arch/*/entry/syscalls, include/uapi/asm-generic/unistd.h).</summary>
internal static class SyscallNumber
{
    public static long Bpf => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 321,
        Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64 => 280,
        var other => throw new PlatformNotSupportedException($"EbpfSharp does not know the bpf() syscall number on {other}."),
    };

    public static long PerfEventOpen => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 298,
        Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64 => 241,
        var other => throw new PlatformNotSupportedException($"EbpfSharp does not know the perf_event_open() syscall number on {other}."),
    };
}

using System.Threading;

namespace EbpfSharp.Generated.Tests.Programs;

/// <summary>Counts the system calls one process makes (the process id is set before load).</summary>
public static partial class SyscallCounter
{
    internal static readonly uint WatchedProcess = 0;

    internal static ulong Calls;

    [RawTracepoint("sys_enter")]
    public static int OnEnter(RawTracepointContext ctx)
    {
        if ((uint)(Bpf.GetCurrentPidTgid() >> 32) == WatchedProcess)
            Interlocked.Increment(ref Calls);
        return 0;
    }
}

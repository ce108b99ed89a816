using System.Runtime.InteropServices;

namespace EbpfSharp;

/// <summary>
/// The 8 bytes every tracepoint record starts with (<c>struct trace_entry</c>): declare it as the first field of
/// a tracepoint record struct. A tracepoint program cannot read these bytes (the verifier allows reads from
/// offset 8); use <see cref="Bpf.GetCurrentPidTgid"/> for the pid.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct TraceEntry
{
    /// <summary>The event's type id (<c>common_type</c>).</summary>
    public ushort Type;

    /// <summary>Interrupt flags when the event fired (<c>common_flags</c>).</summary>
    public byte Flags;

    /// <summary>The preemption count (<c>common_preempt_count</c>).</summary>
    public byte PreemptCount;

    /// <summary>The thread id of the task that fired the event (<c>common_pid</c>).</summary>
    public int Pid;
}

using System.Runtime.InteropServices;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime.Interop;

/// <summary>
/// perf_event_open(2) and the perf event ioctls: events that connect a BPF program the pre-5.15 way, and the
/// BPF output events behind a perf event array's buffers.
/// </summary>
internal static unsafe class PerfEvents
{
    private const ulong FlagCloseOnExec = 8;                 // PERF_FLAG_FD_CLOEXEC (kernel: include/uapi/linux/perf_event.h)
    private const ulong IoctlEnable = 0x2400;                // PERF_EVENT_IOC_ENABLE = _IO('$', 0)
    private const ulong IoctlSetBpf = 0x40042408;            // PERF_EVENT_IOC_SET_BPF = _IOW('$', 8, __u32)
    private const ulong CountSoftwareBpfOutput = 10;         // PERF_COUNT_SW_BPF_OUTPUT (enum perf_sw_ids)
    private const ulong SampleRaw = 1 << 10;                 // PERF_SAMPLE_RAW (enum perf_event_sample_format)

    /// <summary>
    /// Opens a perf event. <paramref name="processId"/> -1 with <paramref name="cpu"/> 0 is how libbpf opens
    /// system-wide probes: a BPF program on a kprobe, uprobe or tracepoint event runs on every CPU anyway.
    /// Returns the descriptor, or the errno on failure so the caller can word the error for its event.
    /// </summary>
    public static BpfFileDescriptor? TryOpen(ref PerfEventAttributes attributes, int processId, int cpu, out int errno)
    {
        attributes.AttributesSize = PerfEventAttributes.Size;
        while (true)
        {
            long result;
            fixed (PerfEventAttributes* pointer = &attributes)
                result = LibC.Syscall(SyscallNumber.PerfEventOpen, (long)pointer, processId, cpu, -1, (long)FlagCloseOnExec);
            if (result >= 0)
            {
                errno = 0;
                return new BpfFileDescriptor((int)result);
            }
            errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
                return null;
        }
    }

    /// <summary>
    /// Opens the event <c>bpf_perf_event_output</c> writes into for <paramref name="cpu"/>: a software BPF output
    /// event sampling raw records, waking its reader on every record (libbpf: perf_buffer__new, perf_buffer__open_cpu_buf).
    /// </summary>
    public static BpfFileDescriptor? TryOpenBpfOutput(int cpu, out int errno)
    {
        var attributes = new PerfEventAttributes
        {
            Type = PerfEventAttributes.TypeSoftware,
            Config = CountSoftwareBpfOutput,
            SamplePeriod = 1,
            SampleType = SampleRaw,
            WakeupEvents = 1,
        };
        return TryOpen(ref attributes, processId: -1, cpu, out errno);
    }

    /// <summary>Attaches a program to the event with PERF_EVENT_IOC_SET_BPF; returns 0 or the errno.</summary>
    public static int SetBpfProgram(BpfFileDescriptor perfEvent, BpfFileDescriptor program)
    {
        using var eventLease = perfEvent.Borrow();
        using var programLease = program.Borrow();
        return LibC.Ioctl(eventLease.Fd, IoctlSetBpf, programLease.Fd) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Enables the event (PERF_EVENT_IOC_ENABLE); returns 0 or the errno.</summary>
    public static int Enable(BpfFileDescriptor perfEvent)
    {
        using var lease = perfEvent.Borrow();
        return LibC.Ioctl(lease.Fd, IoctlEnable, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }
}

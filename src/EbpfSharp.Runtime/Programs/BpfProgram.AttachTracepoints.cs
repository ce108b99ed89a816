using System.Text;
using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

// Tracepoints (a perf event per tracefs event id) and raw tracepoints (BPF_RAW_TRACEPOINT_OPEN).
public sealed partial class BpfProgram
{
    /// <summary>
    /// Attaches this tracepoint program to tracepoint <paramref name="category"/>/<paramref name="name"/>
    /// (for example <c>syscalls</c>/<c>sys_enter_getpid</c>), as listed under tracefs <c>events/</c>. Mounts
    /// tracefs at /sys/kernel/tracing when it is not mounted anywhere.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is not a tracepoint program.</exception>
    /// <exception cref="BpfNotFoundException">There is no such tracepoint; the message lists similar ones.</exception>
    public BpfLink AttachTracepoint(string category, string name)
    {
        RequireTracefsName(category, nameof(category));
        RequireTracefsName(name, nameof(name));
        RequireType("AttachTracepoint", "tracepoint/<category>/<name>", BpfProgramType.Tracepoint);
        string target = $"tracepoint {category}/{name}";
        var attributes = new PerfEventAttributes
        {
            Type = PerfEventAttributes.TypeTracepoint,
            Config = Tracefs.TracepointId(category, name),
        };
        var perfEvent = PerfEvents.TryOpen(ref attributes, -1, 0, out int errno) ?? throw BpfErrors.FromErrno(errno,
            $"Attaching {this} to {target} failed: perf_event_open returned {Errno.Name(errno)}");
        return PerfEventLink.Attach(this, perfEvent, BpfLinkKind.Tracepoint, target);
    }

    /// <summary>
    /// Attaches this raw tracepoint program to the tracepoint named <paramref name="name"/> (the part after
    /// the category, such as <c>sys_enter</c> or <c>sched_switch</c>), with BPF_RAW_TRACEPOINT_OPEN (kernel 4.17+).
    /// </summary>
    /// <exception cref="InvalidOperationException">This is not a raw tracepoint program.</exception>
    /// <exception cref="BpfNotFoundException">The kernel has no tracepoint by that name.</exception>
    public unsafe BpfLink AttachRawTracepoint(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        RequireType("AttachRawTracepoint", "raw_tracepoint/<name>", BpfProgramType.RawTracepoint, BpfProgramType.RawTracepointWritable);
        string target = $"raw tracepoint {name}";
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        using var lease = Handle.Borrow();
        long result;
        fixed (byte* namePointer = nameBytes)
        {
            var attributes = new RawTracepointOpenAttributes { Name = (ulong)namePointer, ProgramFd = (uint)lease.Fd };
            result = BpfSyscall.Call(BpfCommand.RawTracepointOpen, &attributes, sizeof(RawTracepointOpenAttributes));
        }
        if (result >= 0)
            return new BpfLink(BpfLinkKind.RawTracepoint, $"{this} attached to {target}", new BpfFileDescriptor((int)result));

        int errno = (int)-result;
        throw errno == Errno.ENOENT
            ? new BpfNotFoundException(
                $"Attaching {this} to {target} failed: the kernel has no tracepoint '{name}'. A raw tracepoint is named without its category " +
                "(sys_enter, not raw_syscalls/sys_enter); tracefs available_events lists them as category:name.", errno)
            : BpfErrors.FromErrno(errno, BpfCommand.RawTracepointOpen, $"Attaching {this} to {target}");
    }

    // The names become tracefs paths: refuse anything that would climb out of events/.
    private static void RequireTracefsName(string value, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameter);
        if (value.Contains('/') || value is "." or "..")
            throw new ArgumentException($"'{value}' is not a tracepoint {parameter}: it must be one tracefs directory name, such as 'syscalls' or 'sys_enter_openat'.", parameter);
    }
}

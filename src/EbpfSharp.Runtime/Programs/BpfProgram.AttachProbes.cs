using System.Text;
using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

// uprobes and kprobes, through the probe perf PMUs (kernel: kernel/events/core.c, perf_kprobe_init and
// perf_uprobe_init; kernel/trace/trace_event_perf.c).
public sealed partial class BpfProgram
{
    /// <summary>
    /// Attaches this kprobe-type program to the entry (or, with <paramref name="returnProbe"/>, the return)
    /// of function <paramref name="symbol"/> in the executable or shared library at <paramref name="binaryPath"/>.
    /// The symbol is looked up in .symtab, then .dynsym; versioned names such as <c>malloc@@GLIBC_2.2.5</c>
    /// match <c>malloc</c>.
    /// </summary>
    /// <param name="binaryPath">
    /// The path of the ELF binary, or a name without '/' resolved like libbpf: a library (<c>libc.so.6</c>) in
    /// LD_LIBRARY_PATH, /lib64, /usr/lib64, /lib/&lt;multiarch&gt;, /usr/lib/&lt;multiarch&gt;, /lib, /usr/lib; an
    /// executable in PATH, /usr/bin, /usr/sbin.
    /// </param>
    /// <param name="symbol">The function's symbol name.</param>
    /// <param name="processId">Only fire in this process; null for every process that maps the binary.</param>
    /// <param name="offset">Bytes past the function's start (entry probes only).</param>
    /// <param name="returnProbe">Fire when the function returns instead of when it is entered.</param>
    /// <exception cref="InvalidOperationException">This is not a kprobe-type program.</exception>
    /// <exception cref="BpfNotFoundException">The binary, the symbol or the process does not exist; for a name, the message lists the directories searched.</exception>
    public BpfLink AttachUprobe(string binaryPath, string symbol, int? processId = null, ulong offset = 0, bool returnProbe = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(binaryPath);
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        RequireType(returnProbe ? "AttachUprobe (return probe)" : "AttachUprobe", returnProbe ? "uretprobe" : "uprobe", BpfProgramType.Kprobe);
        if (returnProbe && offset != 0)
            throw new ArgumentException("A return probe fires on the function's return; it takes no offset.", nameof(offset));
        string path = BinaryPaths.Resolve(binaryPath);
        ulong fileOffset = ElfFunctionLocator.FileOffset(path, symbol) + offset;
        string location = offset == 0 ? $"{path}:{symbol}" : $"{path}:{symbol}+0x{offset:x}";
        return AttachUprobeAt(path, fileOffset, processId, returnProbe, location);
    }

    /// <summary>Attaches this kprobe-type program to the instruction at <paramref name="fileOffset"/> in the binary at <paramref name="binaryPath"/>.</summary>
    /// <param name="binaryPath">The path of the ELF binary, or a library or executable name resolved as in <see cref="AttachUprobe(string, string, int?, ulong, bool)"/>.</param>
    /// <param name="fileOffset">The offset of the instruction in the file (not its virtual address).</param>
    /// <param name="processId">Only fire in this process; null for every process that maps the binary.</param>
    /// <param name="returnProbe">Treat the offset as a function entry and fire when that function returns.</param>
    public BpfLink AttachUprobe(string binaryPath, ulong fileOffset, int? processId = null, bool returnProbe = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(binaryPath);
        RequireType(returnProbe ? "AttachUprobe (return probe)" : "AttachUprobe", returnProbe ? "uretprobe" : "uprobe", BpfProgramType.Kprobe);
        string path = BinaryPaths.Resolve(binaryPath);
        if (!File.Exists(path))
            throw new BpfNotFoundException($"The binary '{path}' does not exist.", Errno.ENOENT);
        return AttachUprobeAt(path, fileOffset, processId, returnProbe, $"{path}@0x{fileOffset:x}");
    }

    private unsafe BpfLink AttachUprobeAt(string path, ulong fileOffset, int? processId, bool returnProbe, string location)
    {
        if (processId is <= 0)
            throw new ArgumentOutOfRangeException(nameof(processId), processId, "A process id is positive; pass null for every process.");
        var kind = returnProbe ? BpfLinkKind.Uretprobe : BpfLinkKind.Uprobe;
        string target = $"{(returnProbe ? "uretprobe" : "uprobe")} on {location}{(processId is { } pid ? $" in process {pid}" : string.Empty)}";
        var pmu = ProbePmu.Find("uprobe") ?? throw new BpfNotSupportedException(
            $"Attaching {this} to {target} failed: this kernel has no uprobe PMU in /sys/bus/event_source/devices (it needs CONFIG_UPROBE_EVENTS and kernel 4.17+).", Errno.ENOENT);

        // A process filter needs cpu -1 (any CPU); a system-wide probe needs a CPU, and fires on all of them.
        var perfEvent = OpenProbeEvent(pmu, returnProbe, path, fileOffset, processId ?? -1, processId is null ? 0 : -1, out int errno);
        if (perfEvent is null)
        {
            string operation = $"Attaching {this} to {target} failed: perf_event_open returned {Errno.Name(errno)}";
            throw errno switch
            {
                Errno.ESRCH => new BpfNotFoundException($"{operation}: there is no process {processId}.", errno),
                Errno.ENOENT => new BpfNotFoundException($"{operation}: the binary does not exist.", errno),
                Errno.EINVAL => new BpfInvalidArgumentException(
                    $"{operation}: file offset 0x{fileOffset:x} is not a valid probe location in the binary (past its end, or not an instruction).", errno),
                _ => BpfErrors.FromErrno(errno, operation),
            };
        }
        return PerfEventLink.Attach(this, perfEvent, kind, target);
    }

    /// <summary>
    /// Attaches this kprobe-type program to the entry of kernel function <paramref name="function"/> (plus
    /// <paramref name="offset"/> bytes), or to its return, through the kprobe perf PMU (kernel 4.17+).
    /// </summary>
    /// <exception cref="InvalidOperationException">This is not a kprobe-type program.</exception>
    /// <exception cref="BpfNotSupportedException">The kernel was built without CONFIG_KPROBES.</exception>
    /// <exception cref="BpfNotFoundException">There is no kernel function by that name.</exception>
    public BpfLink AttachKprobe(string function, ulong offset = 0, bool returnProbe = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        RequireType(returnProbe ? "AttachKprobe (return probe)" : "AttachKprobe", returnProbe ? "kretprobe" : "kprobe", BpfProgramType.Kprobe);
        if (returnProbe && offset != 0)
            throw new ArgumentException("A return probe fires on the function's return; it takes no offset.", nameof(offset));
        var kind = returnProbe ? BpfLinkKind.Kretprobe : BpfLinkKind.Kprobe;
        string target = $"{(returnProbe ? "kretprobe" : "kprobe")} on {function}+0x{offset:x}";
        var pmu = ProbePmu.Find("kprobe") ?? throw new BpfNotSupportedException(KprobesMissingMessage(target), Errno.ENOENT);

        var perfEvent = OpenProbeEvent(pmu, returnProbe, function, offset, processId: -1, cpu: 0, out int errno);
        if (perfEvent is null)
        {
            string operation = $"Attaching {this} to {target} failed: perf_event_open returned {Errno.Name(errno)}";
            throw errno switch
            {
                Errno.ENOENT => new BpfNotFoundException(
                    $"{operation}: the kernel has no function '{function}' (see /proc/kallsyms; inlined functions have no symbol).", errno),
                Errno.EINVAL => new BpfInvalidArgumentException(
                    $"{operation}: '{function}' cannot be probed (kprobe blacklist, notrace) or the offset is not an instruction boundary.", errno),
                _ => BpfErrors.FromErrno(errno, operation),
            };
        }
        return PerfEventLink.Attach(this, perfEvent, kind, target);
    }

    /// <summary>
    /// perf_event_open on the kprobe or uprobe PMU: config1 points at the function name or binary path,
    /// config2 holds the offset (kernel: kernel/events/core.c, perf_kprobe_event_init / perf_uprobe_event_init).
    /// </summary>
    private static unsafe BpfFileDescriptor? OpenProbeEvent(ProbePmu pmu, bool returnProbe, string name, ulong offset, int processId, int cpu, out int errno)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* namePointer = nameBytes)
        {
            var attributes = new PerfEventAttributes
            {
                Type = pmu.Type,
                Config = pmu.Config(returnProbe),
                Config1 = (ulong)namePointer,
                Config2 = offset,
            };
            return PerfEvents.TryOpen(ref attributes, processId, cpu, out errno);
        }
    }

    private string KprobesMissingMessage(string target)
    {
        string? tracefs = Tracefs.FindMounted();
        bool legacy = tracefs is not null && File.Exists(Path.Combine(tracefs, "kprobe_events"));
        string reason = legacy
            ? "this kernel has tracefs kprobe_events but no kprobe PMU (it predates 4.17), and EbpfSharp attaches kprobes only through the PMU"
            : "this kernel was built without CONFIG_KPROBES (there is no kprobe PMU in /sys/bus/event_source/devices" +
              (tracefs is null ? ")" : " and no kprobe_events in tracefs)");
        return $"Attaching {this} to {target} failed: {reason}. " +
               "Use a tracepoint or raw tracepoint (for example syscalls/sys_enter_openat), an fentry program, or a uprobe for user-space code instead.";
    }
}

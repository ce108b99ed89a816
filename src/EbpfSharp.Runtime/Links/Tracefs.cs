using System.Globalization;
using System.Runtime.InteropServices;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>
/// Finds tracefs, where the kernel lists its tracepoints and their perf event ids. When it is not mounted,
/// mounts it at /sys/kernel/tracing, the directory the kernel creates for it (kernel: kernel/trace/trace.c,
/// tracer_init_tracefs; Documentation/trace/ftrace.rst).
/// </summary>
internal static class Tracefs
{
    private const string StandardMountPoint = "/sys/kernel/tracing";
    private const string DebugfsMountPoint = "/sys/kernel/debug/tracing";

    private static readonly Lock MountLock = new();
    private static string? _root;

    /// <summary>The tracefs directory, mounting tracefs if needed.</summary>
    /// <exception cref="BpfException">tracefs is not mounted and could not be mounted.</exception>
    public static string Root
    {
        get
        {
            lock (MountLock)
            {
                if (_root is not null && Directory.Exists(Path.Combine(_root, "events")))
                    return _root;
                _root = FindMounted() ?? MountStandard();
                return _root;
            }
        }
    }

    /// <summary>The tracefs directory if it is already mounted, null otherwise; never mounts.</summary>
    public static string? FindMounted()
    {
        foreach (var candidate in new[] { StandardMountPoint, DebugfsMountPoint })
            if (Directory.Exists(Path.Combine(candidate, "events")))
                return candidate;
        // Mounted somewhere unusual: /proc/self/mounts lines read "nodev /where tracefs rw 0 0".
        return File.ReadLines("/proc/self/mounts")
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 2 && fields[2] == "tracefs" && Directory.Exists(Path.Combine(fields[1], "events")))
            .Select(fields => fields[1])
            .FirstOrDefault();
    }

    /// <summary>The perf event id of tracepoint <paramref name="category"/>/<paramref name="name"/> (events/&lt;category&gt;/&lt;name&gt;/id).</summary>
    /// <exception cref="BpfNotFoundException">There is no such tracepoint; the message lists similar ones.</exception>
    public static ulong TracepointId(string category, string name)
    {
        string events = Path.Combine(Root, "events");
        string categoryDirectory = Path.Combine(events, category);
        string idFile = Path.Combine(categoryDirectory, name, "id");
        if (File.Exists(idFile))
            return ulong.Parse(File.ReadAllText(idFile).Trim(), CultureInfo.InvariantCulture);

        string similar = Directory.Exists(categoryDirectory)
            ? SimilarNames.Describe(name, Subdirectories(categoryDirectory))
            : SimilarNames.Describe(category, Subdirectories(events));
        string what = Directory.Exists(categoryDirectory)
            ? $"category '{category}' has no tracepoint '{name}'"
            : $"there is no tracepoint category '{category}'";
        throw new BpfNotFoundException(
            $"There is no tracepoint '{category}/{name}': {what} in {events}{similar}. List them with 'ls {events}' or in {Path.Combine(Root, "available_events")}.",
            Errno.ENOENT);
    }

    private static IEnumerable<string> Subdirectories(string directory) =>
        Directory.EnumerateDirectories(directory).Select(Path.GetFileName).OfType<string>();

    private static string MountStandard()
    {
        if (!Directory.Exists(StandardMountPoint))
            throw new BpfNotSupportedException(
                $"tracefs is not mounted and {StandardMountPoint} does not exist: this kernel was built without CONFIG_TRACING, so it has no tracepoints to attach to.", Errno.ENOENT);
        if (LibC.Mount("nodev", StandardMountPoint, "tracefs", 0, 0) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw BpfErrors.FromErrno(errno,
                $"tracefs is not mounted, and mounting it at {StandardMountPoint} failed with {Errno.Name(errno)}. Mount it as root: mount -t tracefs nodev {StandardMountPoint}");
        }
        return StandardMountPoint;
    }
}

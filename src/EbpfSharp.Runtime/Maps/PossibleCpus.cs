namespace EbpfSharp.Runtime;

/// <summary>
/// The number of possible CPUs, which sizes per-CPU map values: the kernel copies one slot per possible CPU
/// (kernel: kernel/bpf/hashtab.c, bpf_percpu_hash_copy, for_each_possible_cpu).
/// </summary>
internal static class PossibleCpus
{
    /// <summary>The kernel's list of possible CPUs (kernel: Documentation/ABI/testing/sysfs-devices-system-cpu).</summary>
    public const string ListPath = "/sys/devices/system/cpu/possible";

    /// <summary>The kernel's list of online CPUs, a subset of the possible ones.</summary>
    public const string OnlineListPath = "/sys/devices/system/cpu/online";

    private static readonly Lazy<int> Value = new(ReadCount);

    /// <summary>The number of possible CPUs on this machine.</summary>
    public static int Count => Value.Value;

    /// <summary>Counts the CPUs in a list such as <c>0-3,5</c> (that one is 5 CPUs).</summary>
    /// <exception cref="FormatException">The text is not a CPU list.</exception>
    public static int Parse(string list) => ParseList(list).Count;

    /// <summary>The CPUs in a list such as <c>0-3,5</c>, in order.</summary>
    /// <exception cref="FormatException">The text is not a CPU list.</exception>
    public static IReadOnlyList<int> ParseList(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var cpus = new List<int>();
        foreach (var part in list.Trim().Split(',', StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-');
            if (dash < 0)
            {
                cpus.Add(ParseCpu(part, list));
                continue;
            }
            int first = ParseCpu(part[..dash], list);
            int last = ParseCpu(part[(dash + 1)..], list);
            if (last < first)
                throw new FormatException($"'{list}' is not a CPU list: the range '{part}' runs backwards.");
            for (int cpu = first; cpu <= last; cpu++)
                cpus.Add(cpu);
        }
        return cpus;
    }

    /// <summary>
    /// The CPUs online now, or null when the kernel does not say. Perf buffers are opened on these only, as
    /// libbpf's perf_buffer__new does: perf_event_open fails on an offline CPU.
    /// </summary>
    public static IReadOnlySet<int>? Online()
    {
        try
        {
            return ParseList(File.ReadAllText(OnlineListPath)).ToHashSet();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static int ParseCpu(string text, string list) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int cpu)
            ? cpu
            : throw new FormatException($"'{list}' is not a CPU list like '0-3,5': '{text}' is not a CPU number.");

    private static int ReadCount()
    {
        string text;
        try
        {
            text = File.ReadAllText(ListPath);
        }
        catch (IOException exception)
        {
            // Guessing would be unsafe: the kernel writes one value slot per possible CPU into the caller's buffer.
            throw new InvalidOperationException($"Cannot size per-CPU map values: reading {ListPath} failed ({exception.Message}).", exception);
        }
        return Parse(text);
    }
}

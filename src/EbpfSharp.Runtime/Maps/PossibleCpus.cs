namespace EbpfSharp.Runtime;

/// <summary>
/// The number of possible CPUs, which sizes per-CPU map values: the kernel copies one slot per possible CPU
/// (kernel: kernel/bpf/hashtab.c, bpf_percpu_hash_copy, for_each_possible_cpu).
/// </summary>
internal static class PossibleCpus
{
    /// <summary>The kernel's list of possible CPUs (kernel: Documentation/ABI/testing/sysfs-devices-system-cpu).</summary>
    public const string ListPath = "/sys/devices/system/cpu/possible";

    private static readonly Lazy<int> Value = new(ReadCount);

    /// <summary>The number of possible CPUs on this machine.</summary>
    public static int Count => Value.Value;

    /// <summary>Counts the CPUs in a list such as <c>0-3,5</c> (that one is 5 CPUs).</summary>
    /// <exception cref="FormatException">The text is not a CPU list.</exception>
    public static int Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        int count = 0;
        foreach (var part in list.Trim().Split(',', StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-');
            if (dash < 0)
            {
                ParseCpu(part, list);
                count++;
                continue;
            }
            int first = ParseCpu(part[..dash], list);
            int last = ParseCpu(part[(dash + 1)..], list);
            if (last < first)
                throw new FormatException($"'{list}' is not a CPU list: the range '{part}' runs backwards.");
            count += last - first + 1;
        }
        return count;
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

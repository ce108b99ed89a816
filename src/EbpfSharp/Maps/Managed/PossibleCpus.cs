namespace EbpfSharp.Maps.Managed;

/// <summary>
/// The possible CPUs, which size per-CPU values: the kernel keeps one slot per possible CPU, not per online CPU
/// (kernel: kernel/bpf/hashtab.c, bpf_percpu_hash_copy, for_each_possible_cpu).
/// </summary>
internal static class PossibleCpus
{
    // kernel: Documentation/ABI/testing/sysfs-devices-system-cpu
    private const string ListPath = "/sys/devices/system/cpu/possible";

    private static readonly Lazy<int> CountValue = new(ReadCount);

    /// <summary>The number of possible CPUs; <see cref="Environment.ProcessorCount"/> where the list is unreadable.</summary>
    public static int Count => CountValue.Value;

    /// <summary>The CPU the calling thread runs on (<c>bpf_get_smp_processor_id</c>), as a slot index.</summary>
    public static int Current => (int)(Bpf.GetSmpProcessorId() % (uint)Count);

    /// <summary>
    /// The bytes one CPU's value takes in a per-CPU value buffer: the value size rounded up to 8
    /// (kernel: kernel/bpf/syscall.c, bpf_map_value_size).
    /// </summary>
    public static int SlotSize(int valueSize) => (valueSize + 7) & ~7;

    /// <summary>Counts the CPUs in a list such as <c>0-3,5</c> (5 CPUs), or returns null when it is not one.</summary>
    public static int? Parse(string list)
    {
        int count = 0;
        foreach (var part in list.Trim().Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length > 2 || !TryParseCpu(bounds[0], out int first))
                return null;
            int last = first;
            if (bounds.Length == 2 && !TryParseCpu(bounds[1], out last))
                return null;
            if (last < first)
                return null;
            count += last - first + 1;
        }
        return count;
    }

    private static bool TryParseCpu(string text, out int cpu) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out cpu);

    private static int ReadCount()
    {
        try
        {
            if (Parse(File.ReadAllText(ListPath)) is int count and > 0)
                return count;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or no sysfs: fall back below.
        }
        return Environment.ProcessorCount;
    }
}

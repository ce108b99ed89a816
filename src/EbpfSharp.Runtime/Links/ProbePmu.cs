using System.Collections.Concurrent;
using System.Globalization;

namespace EbpfSharp.Runtime;

/// <summary>
/// A dynamic perf PMU for probes ("kprobe", "uprobe"), as sysfs describes it: the type number
/// perf_event_open wants and the config bit that turns a probe into a return probe
/// (kernel: Documentation/ABI/testing/sysfs-bus-event_source-devices-format; kernel/trace/trace_event_perf.c).
/// </summary>
internal sealed record ProbePmu(string Name, uint Type, int ReturnProbeBit)
{
    private const string Devices = "/sys/bus/event_source/devices";

    private static readonly ConcurrentDictionary<string, ProbePmu?> Known = new();

    /// <summary>The PMU named <paramref name="name"/>, or null when the kernel has none (for kprobes: built without CONFIG_KPROBES).</summary>
    public static ProbePmu? Find(string name) => Known.GetOrAdd(name, Read);

    /// <summary>perf_event_attr.config for an entry probe or a return probe.</summary>
    public ulong Config(bool returnProbe)
    {
        if (!returnProbe)
            return 0;
        if (ReturnProbeBit < 0)
            throw new BpfNotSupportedException($"The {Name} PMU of this kernel has no retprobe format bit, so it cannot create return probes.", 0);
        return 1UL << ReturnProbeBit;
    }

    private static ProbePmu? Read(string name)
    {
        string directory = Path.Combine(Devices, name);
        string typeFile = Path.Combine(directory, "type");
        if (!File.Exists(typeFile))
            return null;
        uint type = uint.Parse(File.ReadAllText(typeFile).Trim(), CultureInfo.InvariantCulture);
        return new ProbePmu(name, type, ReadConfigBit(Path.Combine(directory, "format", "retprobe")));
    }

    // The format file reads "config:0": the field is bit 0 of perf_event_attr.config.
    private static int ReadConfigBit(string formatFile)
    {
        if (!File.Exists(formatFile))
            return -1;
        string text = File.ReadAllText(formatFile).Trim();
        const string prefix = "config:";
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(prefix.Length).TrimEnd(), NumberStyles.None, CultureInfo.InvariantCulture, out int bit)
            ? bit
            : -1;
    }
}

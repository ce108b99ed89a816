namespace EbpfSharp.TestSupport;

/// <summary>
/// The process's open descriptors for kernel eBPF objects (maps, programs, links, BTF) and perf events.
/// Other descriptors come and go as .NET loads assemblies, so leak checks count only these.
/// </summary>
public static class OpenDescriptors
{
    /// <summary>How many bpf and perf-event descriptors are open now.</summary>
    public static int CountKernelObjects() => KernelObjects().Count;

    /// <summary>Each bpf and perf-event descriptor with what it refers to ("anon_inode:bpf-map").</summary>
    public static List<string> KernelObjects()
    {
        var result = new List<string>();
        foreach (var path in Directory.GetFiles("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(path).LinkTarget;
            }
            catch (IOException)
            {
                continue;   // closed between listing and reading
            }
            if (target is not null && (target.StartsWith("anon_inode:bpf", StringComparison.Ordinal) || target.Contains("perf_event", StringComparison.Ordinal)))
                result.Add($"{Path.GetFileName(path)} -> {target}");
        }
        return result;
    }
}

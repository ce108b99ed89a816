using System.Runtime.InteropServices;

namespace EbpfSharp.TestSupport;

/// <summary>
/// What a test needs from the machine. When something is missing, tests skip with the reason, unless
/// <c>EBPFSHARP_REQUIRE_KERNEL=1</c> (set by CI): then they run and fail, so nothing is silently skipped.
/// </summary>
public static partial class Requirements
{
    private static readonly Lazy<string?> KernelProblem = new(ProbeKernel);

    /// <summary>Whether missing requirements fail tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("EBPFSHARP_REQUIRE_KERNEL") == "1";

    /// <summary>Why bpf() cannot be used here, or null when it can.</summary>
    public static string? WhyNoKernel => KernelProblem.Value;

    /// <summary>Why a tool is not usable here (not on PATH), or null when it is.</summary>
    public static string? WhyNoTool(string tool) =>
        Tools.Find(tool) is null ? $"{tool} is not installed (.ci/run installs it with apt-get)" : null;

    /// <summary>The skip reason for a test that needs the kernel and the given tools, or null to run it.</summary>
    public static string? SkipReason(bool kernel, params string[] tools)
    {
        if (Required)
            return null;
        if (kernel && WhyNoKernel is { } reason)
            return $"needs bpf(): {reason}; set EBPFSHARP_REQUIRE_KERNEL=1 to fail instead of skipping";
        foreach (var tool in tools)
            if (WhyNoTool(tool) is { } missing)
                return $"needs {missing}; set EBPFSHARP_REQUIRE_KERNEL=1 to fail instead of skipping";
        return null;
    }

    private static string? ProbeKernel()
    {
        if (!OperatingSystem.IsLinux())
            return "eBPF needs Linux";
        if (GetEffectiveUserId() != 0)
            return "the tests are not running as root";
        if (!File.Exists("/sys/kernel/btf/vmlinux"))
            return "the kernel has no BTF at /sys/kernel/btf/vmlinux";
        try
        {
            using var map = EbpfSharp.Runtime.BpfMap.Create(
                new EbpfSharp.Runtime.MapDefinition("probe", EbpfSharp.Object.BpfMapType.Array, 4, 4, 1));
            return null;
        }
        catch (Exception exception)
        {
            return $"creating a map failed: {exception.Message}";
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}

using System.Diagnostics;

namespace EbpfSharp.Benchmarks.UserSpace;

/// <summary>
/// Builds the BPF object (clang-19), the libbpf harness (gcc -O2 -lbpf) and the libbpf rounds library (gcc -O2
/// -shared -fPIC -lbpf) from the sources beside the executable.
/// </summary>
public static class Native
{
    private static readonly string Sources = Path.Combine(AppContext.BaseDirectory, "c");
    private static readonly string Output = Path.Combine(Path.GetTempPath(), $"ebpfsharp-userspace-{Environment.UserName}");

    /// <summary>The object both sides load; compiled once per process.</summary>
    public static string ObjectPath => s_object ??= BuildObject();
    private static string? s_object;

    private static string BuildObject()
    {
        Directory.CreateDirectory(Output);
        string output = Path.Combine(Output, "userspace.bpf.o");
        string multiarch = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64
            ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        Run("clang-19", ["-O2", "-g", "-target", "bpf", "-mcpu=v3", "-I", $"/usr/include/{multiarch}", "-c", Path.Combine(Sources, "userspace.bpf.c"), "-o", output]);
        return output;
    }

    public static string BuildHarness()
    {
        Directory.CreateDirectory(Output);
        string output = Path.Combine(Output, "libbpf_bench");
        Run("gcc", ["-O2", "-Wall", Path.Combine(Sources, "libbpf_bench.c"), "-lbpf", "-o", output]);
        return output;
    }

    /// <summary>The libbpf side of the interleaved comparison as a shared library (c/libbpf_rounds.c).</summary>
    public static string BuildRoundsLibrary()
    {
        Directory.CreateDirectory(Output);
        string output = Path.Combine(Output, "libbpf_rounds.so");
        Run("gcc", ["-O2", "-Wall", "-shared", "-fPIC", Path.Combine(Sources, "libbpf_rounds.c"), "-lbpf", "-o", output]);
        return output;
    }

    /// <summary>Runs the libbpf harness; returns its rates by benchmark name.</summary>
    /// <param name="only">The benchmark to run (EBPFSHARP_USERSPACE_ONLY), or null for all.</param>
    public static Dictionary<string, double> RunHarness(string harness, int roundMilliseconds, int rounds, int ringRecords, string? only = null)
    {
        string stdout = Run(harness, [ObjectPath, roundMilliseconds.ToString(), rounds.ToString(), ringRecords.ToString()], only);
        var rates = new Dictionary<string, double>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            rates[parts[0]] = double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        return rates;
    }

    private static string Run(string tool, string[] arguments, string? only = null)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (only is not null)
            start.Environment["EBPFSHARP_USERSPACE_ONLY"] = only;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        return output;
    }
}

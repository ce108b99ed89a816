using System.Diagnostics;
using System.Runtime.InteropServices;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Benchmarks;

/// <summary>
/// Compiles a C twin with <c>clang-19 -O2 -g -target bpf -mcpu=v3</c>. The time is the median wall time of
/// whole clang processes (start-up included: that is what building one object costs).
/// </summary>
public static class ClangBuild
{
    public static (byte[] Bytes, double Milliseconds) Compile(string source, int rounds)
    {
        string output = Path.Combine(Path.GetTempPath(), $"ebpfsharp-bench-{Environment.ProcessId}-{Path.GetFileNameWithoutExtension(source)}.o");
        string[] arguments = ["-O2", "-g", "-target", "bpf", "-mcpu=v3", "-I", $"/usr/include/{Multiarch}",
            "-I", Path.GetDirectoryName(source)!, "-c", source, "-o", output];
        var times = new List<double>();
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                var stopwatch = Stopwatch.StartNew();
                Tools.Run("clang-19", arguments).EnsureSuccess($"clang-19 compiling {Path.GetFileName(source)}");
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
            return (File.ReadAllBytes(output), Statistics.Median(times));
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string Multiarch => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
}

using System.Diagnostics;

namespace EbpfSharp.TestSupport;

/// <summary>Finds and runs external tools (clang-19, llvm-objdump-19, bpftool, gcc, ip).</summary>
public static class Tools
{
    /// <summary>The full path of <paramref name="tool"/> on PATH (plus /usr/sbin and /sbin), or null.</summary>
    public static string? Find(string tool)
    {
        if (Path.IsPathRooted(tool))
            return File.Exists(tool) ? tool : null;
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Concat(["/usr/sbin", "/sbin", "/usr/bin"]);
        return path.Where(directory => directory.Length > 0)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/> and collects its output.</summary>
    public static ToolResult Run(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var executable = Find(tool) ?? throw new InvalidOperationException(
            Requirements.WhyNoTool(tool) ?? $"{tool} is not installed");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in time.");
        }
        return new ToolResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs a tool and throws if it fails; returns its standard output.</summary>
    public static string RunChecked(string tool, params string[] arguments) =>
        Run(tool, arguments).EnsureSuccess($"{tool} {string.Join(' ', arguments)}").StandardOutput;
}

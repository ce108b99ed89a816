using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EbpfSharp.Benchmarks;

/// <summary>
/// What EbpfSharp adds to a <c>dotnet build</c> of the PacketCounter sample: after an edit to the program
/// class (the C# compile with our generator, then the eBPF compile task) and when nothing changed (the
/// incremental no-op build, which must skip both). Each edit build runs with <c>ReportAnalyzer</c> and
/// MSBuild's performance summary, which give the generator's time inside csc and the
/// <c>CompileEbpfPrograms</c> task's time; wall times are whole <c>dotnet build</c> processes, as a developer
/// sees them, with the compiler server and MSBuild nodes warm after a first build (switched on for the measured
/// builds even where the environment turns them off, and shut down at the end).
/// </summary>
public static partial class BuildTimes
{
    public static int Run(int rounds)
    {
        string root = RepositoryRoot();
        string project = Path.Combine(root, "samples", "PacketCounter", "PacketCounter.csproj");
        string programFile = Path.Combine(root, "samples", "PacketCounter", "ProtocolCounter.cs");
        Console.Error.WriteLine("build-times: warm-up build of samples/PacketCounter …");
        try
        {
            Build(project, restore: true, detailed: false);
            return Measure(project, programFile, rounds);
        }
        finally
        {
            ShutDownServers();
        }
    }

    private static int Measure(string project, string programFile, int rounds)
    {

        var edit = new List<double>();
        var noOp = new List<double>();
        var generator = new List<double>();
        var task = new List<double>();
        var csc = new List<double>();
        bool skipped = true;
        for (int round = 0; round < rounds; round++)
        {
            Console.Error.WriteLine($"build-times: round {round + 1} of {rounds}");
            File.SetLastWriteTimeUtc(programFile, DateTime.UtcNow);
            var (editMilliseconds, editLog) = Build(project, restore: false, detailed: true);
            edit.Add(editMilliseconds);
            generator.Add(Seconds(GeneratorTime(), editLog) * 1000);
            task.Add(TaskMilliseconds(editLog, "CompileEbpfPrograms"));
            csc.Add(TaskMilliseconds(editLog, "Csc"));
            noOp.Add(Build(project, restore: false, detailed: false).Milliseconds);
            var (_, noOpLog) = Build(project, restore: false, detailed: true);
            skipped &= noOpLog.Contains("Skipping target \"EbpfSharpCompileObjects\"", StringComparison.Ordinal)
                && noOpLog.Contains("Skipping target \"CoreCompile\"", StringComparison.Ordinal);
        }

        Console.WriteLine($"Build times of samples/PacketCounter (Release, `dotnet build --no-restore`), median of {rounds} rounds; {Environment.ProcessorCount} CPUs, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end.");
        Console.WriteLine();
        Console.WriteLine("| build | ms |");
        Console.WriteLine("|---|--:|");
        Console.WriteLine($"| after an edit to the program class: whole `dotnet build` | {Statistics.Median(edit):F0} |");
        Console.WriteLine($"| &nbsp;&nbsp;of which `Csc` (C# compile, analyzers and generators) | {Statistics.Median(csc):F0} |");
        Console.WriteLine($"| &nbsp;&nbsp;&nbsp;&nbsp;of which the EbpfSharp generator | {Statistics.Median(generator):F0} |");
        Console.WriteLine($"| &nbsp;&nbsp;of which `CompileEbpfPrograms` (IL → eBPF object, in a task host) | {Statistics.Median(task):F0} |");
        Console.WriteLine($"| nothing changed: whole `dotnet build` | {Statistics.Median(noOp):F0} |");
        Console.WriteLine();
        Console.WriteLine(skipped
            ? "The no-op builds skipped both CoreCompile and EbpfSharpCompileObjects (inputs up to date)."
            : "WARNING: a no-op build ran CoreCompile or EbpfSharpCompileObjects: the build is not incremental.");
        return skipped ? 0 : 1;
    }

    private static (double Milliseconds, string Log) Build(string project, bool restore, bool detailed)
    {
        var arguments = new List<string> { "build", project, "-c", "Release", "-nologo" };
        if (!restore)
            arguments.Add("--no-restore");
        arguments.AddRange(detailed
            ? ["-v:d", "-p:ReportAnalyzer=true", "-clp:PerformanceSummary"]
            : ["-v:q"]);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // A developer's machine keeps the compiler server and MSBuild nodes warm between builds; CI images often
        // turn both off, which would make every build pay for starting and JIT-compiling csc and MSBuild.
        foreach (var variable in ServerSwitches)
            start.Environment.Remove(variable);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        double milliseconds = stopwatch.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet build {Path.GetFileName(project)} failed ({process.ExitCode}):\n{output}\n{error.Result}");
        return (milliseconds, output);
    }

    private static readonly string[] ServerSwitches = ["UseSharedCompilation", "MSBUILDDISABLENODEREUSE", "DOTNET_CLI_USE_MSBUILD_SERVER"];

    /// <summary>Stops the compiler server and MSBuild nodes the measurement started.</summary>
    private static void ShutDownServers()
    {
        var start = new ProcessStartInfo("dotnet", ["build-server", "shutdown"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start);
        process?.WaitForExit();
    }

    private static double Seconds(Regex pattern, string log)
    {
        var match = pattern.Match(log);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    private static double TaskMilliseconds(string log, string task)
    {
        var match = Regex.Match(log, $@"^\s*(\d+) ms\s+{Regex.Escape(task)}\s+\d+ calls", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "EbpfSharp.sln")))
                return directory.FullName;
        throw new InvalidOperationException("build-times runs from a clone of the repository (EbpfSharp.sln not found above the tool).");
    }

    // ReportAnalyzer's generator table: "   0.412   12      EbpfSharp.Generators.ProgramClassGenerator".
    [GeneratedRegex(@"^\s*([\d.]+)\s+\S+\s+EbpfSharp\.Generators\.ProgramClassGenerator\s*$", RegexOptions.Multiline)]
    private static partial Regex GeneratorTime();
}

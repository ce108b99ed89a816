using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Benchmarks;

/// <summary>
/// What EbpfSharp adds to a <c>dotnet build</c> of the PacketCounter sample: after an edit to the program
/// class (the C# compile with our generator, then the eBPF compile task) and when nothing changed (the
/// incremental no-op build, which must skip both). Each edit build runs with <c>ReportAnalyzer</c> and
/// MSBuild's performance summary, which give the generator's time inside csc and the
/// <c>CompileEbpfPrograms</c> task's time; wall times are whole <c>dotnet build</c> processes, as a developer
/// sees them, with the compiler server and MSBuild nodes warm after a first build.
/// </summary>
public static partial class BuildTimes
{
    public static int Run(int rounds)
    {
        string root = RepositoryRoot();
        string project = Path.Combine(root, "samples", "PacketCounter", "PacketCounter.csproj");
        string programFile = Path.Combine(root, "samples", "PacketCounter", "ProtocolCounter.cs");
        Console.Error.WriteLine("build-times: warm-up build of samples/PacketCounter …");
        Build(project, restore: true, detailed: false);

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
        var stopwatch = Stopwatch.StartNew();
        var result = Tools.Run("dotnet", arguments, TimeSpan.FromMinutes(10));
        double milliseconds = stopwatch.Elapsed.TotalMilliseconds;
        result.EnsureSuccess($"dotnet build {Path.GetFileName(project)}");
        return (milliseconds, result.StandardOutput);
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

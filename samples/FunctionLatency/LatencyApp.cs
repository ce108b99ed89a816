using System.Globalization;
using System.Runtime.InteropServices;

namespace FunctionLatencySample;

/// <summary>
/// Loads <see cref="FunctionLatency"/> through its generated class, attaches its entry and return probes to a
/// function and prints the latency histogram. With no options it times libc's <c>usleep</c> in this process while
/// calling it with known durations.
/// </summary>
internal static partial class LatencyApp
{
    public const string Usage = """
        FunctionLatency: a latency histogram of a user-space function, from uprobes written in C#.

        Usage: dotnet run --project samples/FunctionLatency -- [options]   (as root)

          (no options)           time libc's usleep in this process while calling it 200 times (100 µs to 3 ms)
          --binary <path|lib>    the executable or library (a path, or a name such as libc.so.6)
          --function <symbol>    the function to time
          --pid <n>              only calls in this process (default: every process that maps the binary)
          --seconds <n>          how long to time --function (default 10; Ctrl+C stops early)
          --help                 this text
        """;

    internal const int DemoCalls = 200;

    public static int Run(string[] args, TextWriter output)
    {
        string? binary = null, function = null;
        int? pid = null;
        int seconds = 10;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n\n{Usage}");
            switch (args[i])
            {
                case "--binary": binary = Value(); break;
                case "--function": function = Value(); break;
                case "--pid": pid = Number(Value()); break;
                case "--seconds": seconds = Number(Value()); break;
                case "--help": output.WriteLine(Usage); return 0;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n\n{Usage}");
            }
        }
        if ((binary is null) != (function is null))
            throw new ArgumentException($"Give --binary and --function together.\n\n{Usage}");

        using var latency = FunctionLatency.Load();
        bool demo = binary is null;
        if (demo)
        {
            binary = MappedLibrary("libc.so.6");
            function = "usleep";
            pid = Environment.ProcessId;
        }
        latency.OnEntry.Attach(binary!, function!, pid);
        latency.OnReturn.Attach(binary!, function!, pid);
        output.WriteLine($"Timing {function} in {binary}{(pid is { } p ? $" (process {p})" : "")}.");

        if (demo)
        {
            var random = new Random(7);
            for (int i = 0; i < DemoCalls; i++)
                USleep((uint)random.Next(100, 3000));
        }
        else
        {
            using var stop = new ManualResetEventSlim();
            ConsoleCancelEventHandler cancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Set();
            };
            Console.CancelKeyPress += cancel;
            stop.Wait(TimeSpan.FromSeconds(seconds));
            Console.CancelKeyPress -= cancel;
        }

        var counts = new ulong[FunctionLatency.Buckets];
        for (uint bucket = 0; bucket < counts.Length; bucket++)
            counts[bucket] = latency.Histogram[bucket];
        output.WriteLine();
        LatencyHistogram.Write(output, counts, "usecs");
        ulong calls = latency.Calls;
        output.WriteLine();
        output.WriteLine(calls == 0
            ? "No calls were timed."
            : $"{calls} calls, average {latency.TotalNanoseconds / calls / 1000.0:F1} µs.");
        return 0;
    }

    /// <summary>The path of <paramref name="name"/> as this process mapped it (so the probe is on the very file it calls).</summary>
    private static string MappedLibrary(string name) =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]) == name)
            .Select(fields => fields[5])
            .FirstOrDefault()
        ?? throw new InvalidOperationException($"This process has not mapped {name}; pass --binary and --function.");

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);

    private static int Number(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"'{value}' is not a positive number.\n\n{Usage}");
}

/// <summary>A log2 histogram as text, like bcc's and bpftrace's.</summary>
internal static class LatencyHistogram
{
    private const int BarWidth = 40;

    public static void Write(TextWriter output, IReadOnlyList<ulong> counts, string unit)
    {
        int last = counts.Count - 1;
        while (last > 0 && counts[last] == 0)
            last--;
        int first = 0;
        while (first < last && counts[first] == 0)
            first++;
        ulong highest = Math.Max(1, counts.Max());
        output.WriteLine($"{unit,20}{"",12}: {"count",-8} distribution");
        for (int bucket = first; bucket <= last; bucket++)
        {
            ulong low = bucket == 0 ? 0 : 1UL << bucket;
            ulong high = (1UL << (bucket + 1)) - 1;
            int bar = (int)(counts[bucket] * BarWidth / highest);
            output.WriteLine($"{low,20} -> {high,-8}: {counts[bucket],-8} |{new string('*', bar),-BarWidth}|");
        }
    }
}

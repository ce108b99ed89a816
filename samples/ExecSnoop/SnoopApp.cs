using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ExecSnoopSample;

/// <summary>
/// Loads <see cref="ExecSnoop"/> through its generated class, attaches it where its attribute says and prints
/// every exec, read with <c>Events.ReadAllAsync</c>.
/// </summary>
internal static class SnoopApp
{
    public const string Usage = """
        ExecSnoop: prints the programs processes start, from an eBPF program written in C#.

        Usage: dotnet run --project samples/ExecSnoop -- [options]   (as root)

          (no options)     trace every exec for 10 s (Ctrl+C stops early)
          --seconds <n>    how long to trace
          --demo           start a few programs of its own, show their execs, then stop
          --help           this text
        """;

    /// <summary>What --demo runs, each as a child of this process.</summary>
    internal static readonly string[][] DemoCommands = [["/bin/echo", "hello", "from", "ExecSnoop"], ["/bin/true"], ["/bin/sh", "-c", "exit 0"]];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        bool demo = false;
        int seconds = 10;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n\n{Usage}");
            switch (args[i])
            {
                case "--demo": demo = true; break;
                case "--seconds": seconds = Number(Value()); break;
                case "--help": output.WriteLine(Usage); return 0;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n\n{Usage}");
            }
        }

        using var snoop = ExecSnoop.Load();
        snoop.OnExecve.Attach();   // [Tracepoint("syscalls", "sys_enter_execve")]
        output.WriteLine("Tracing execs with tracepoint syscalls/sys_enter_execve.");
        output.WriteLine($"{"PID",-8} {"PPID",-8} {"UID",-6} {"COMM",-16} {"FILENAME",-24} ARGS");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(demo ? 30 : seconds));
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            if (demo)
                _ = Task.Run(RunDemoCommands);
            int seen = 0;
            await foreach (ExecEvent record in snoop.Events.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                // In the demo, show only the commands it starts (other code in this process may start programs too).
                if (demo && (record.ParentPid != Environment.ProcessId || !DemoCommands.Any(command => command.SequenceEqual(record.ArgumentTexts))))
                    continue;
                output.WriteLine($"{record.Pid,-8} {record.ParentPid,-8} {record.Uid,-6} {record.CommText,-16} {record.FilenameText,-24} {string.Join(' ', record.ArgumentTexts)}");
                if (demo && ++seen == DemoCommands.Length)
                    break;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
        output.WriteLine($"Stopped. Events lost because the ring buffer was full: {snoop.Dropped}.");
        return 0;
    }

    private static void RunDemoCommands()
    {
        foreach (var command in DemoCommands)
        {
            var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true };
            foreach (var argument in command.Skip(1))
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
        }
    }

    private static int Number(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"'{value}' is not a positive number.\n\n{Usage}");
}

/// <summary>The event's text fields, for the host.</summary>
public unsafe partial struct ExecEvent
{
    internal string CommText
    {
        get
        {
            fixed (byte* comm = Comm)
                return Text(comm, 16);
        }
    }

    internal string FilenameText
    {
        get
        {
            fixed (byte* filename = Filename)
                return Text(filename, 128);
        }
    }

    internal IEnumerable<string> ArgumentTexts
    {
        get
        {
            var texts = new List<string>();
            fixed (byte* arguments = Arguments)
            {
                for (int i = 0; i < Math.Min(ArgumentCount, MaxArguments); i++)
                    texts.Add(Text(arguments + i * ArgumentSize, ArgumentSize));
            }
            return texts;
        }
    }

    private static string Text(byte* bytes, int size)
    {
        int length = 0;
        while (length < size && bytes[length] != 0)
            length++;
        return Encoding.UTF8.GetString(bytes, length);
    }
}

using System.Globalization;
using System.Text;
using EbpfSharp.Runtime;

namespace OpenSnoopSample;

/// <summary>
/// Loads <see cref="OpenSnoop"/> through its generated class, attaches the tracepoint program (or, with
/// <c>--kprobe</c>, the kprobe one) and prints every open it reports, read with <c>Events.ReadAllAsync</c>.
/// </summary>
internal static class SnoopApp
{
    public const string Usage = """
        OpenSnoop: prints the files processes open, from an eBPF program written in C#.

        Usage: dotnet run --project samples/OpenSnoop -- [options]   (as root)

          (no options)     trace every process's opens for 10 s (Ctrl+C stops early)
          --pid <n>        only this process (filtered in the kernel, set as config before load)
          --seconds <n>    how long to trace
          --kprobe         use the [Kprobe] on do_sys_openat2 instead of the syscalls/sys_enter_openat tracepoint
          --demo           trace only this process while it opens a few files of its own, then stop
          --help           this text
        """;

    private const int DemoFiles = 3;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        bool kprobe = false, demo = false;
        int? pid = null;
        int seconds = 10;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n\n{Usage}");
            switch (args[i])
            {
                case "--kprobe": kprobe = true; break;
                case "--demo": demo = true; break;
                case "--pid": pid = Number(Value()); break;
                case "--seconds": seconds = Number(Value()); break;
                case "--help": output.WriteLine(Usage); return 0;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n\n{Usage}");
            }
        }
        if (demo)
            pid = Environment.ProcessId;

        var opened = OpenSnoop.Open();
        opened.Config.TargetPid = (uint)(pid ?? 0);
        using var snoop = opened.Load();
        // The attach target comes from the attribute: [Tracepoint("syscalls", "sys_enter_openat")] or [Kprobe("do_sys_openat2")].
        if (kprobe)
            snoop.OnOpen.Attach();
        else
            snoop.OnOpenat.Attach();
        output.WriteLine($"Tracing opens{(pid is { } p ? $" of process {p}" : "")} with {(kprobe ? "kprobe do_sys_openat2" : "tracepoint syscalls/sys_enter_openat")}.");
        output.WriteLine($"{"PID",-8} {"TID",-8} {"COMM",-16} {"FLAGS",-8} PATH");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(demo ? 30 : seconds));
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            var demoPaths = demo ? OpenDemoFilesLater() : null;
            int seen = 0;
            await foreach (OpenEvent record in snoop.Events.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                string path = record.PathText;
                output.WriteLine($"{record.Pid,-8} {record.Tid,-8} {record.CommText,-16} {record.Flags,-8:x} {path}");
                if (demoPaths is not null && (await demoPaths.ConfigureAwait(false)).Contains(path) && ++seen == DemoFiles)
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

    /// <summary>The demo's own opens, made on another thread once tracing runs.</summary>
    private static Task<HashSet<string>> OpenDemoFilesLater() => Task.Run(() =>
    {
        var directory = Directory.CreateTempSubdirectory("opensnoop-demo-");
        var paths = new HashSet<string>();
        for (int i = 0; i < DemoFiles; i++)
        {
            string path = Path.Combine(directory.FullName, $"file{i}.txt");
            File.WriteAllText(path, "hello");
            paths.Add(path);
        }
        directory.Delete(recursive: true);
        return paths;
    });

    private static int Number(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"'{value}' is not a positive number.\n\n{Usage}");
}

/// <summary>The event's text fields, for the host.</summary>
public unsafe partial struct OpenEvent
{
    internal string PathText
    {
        get
        {
            fixed (byte* path = Path)
                return Text(path, 256);
        }
    }

    internal string CommText
    {
        get
        {
            fixed (byte* comm = Comm)
                return Text(comm, 16);
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

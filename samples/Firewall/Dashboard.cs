using EbpfSharp;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FirewallSample;

/// <summary>What the firewall's maps hold at one moment, read through the generated class's typed views.</summary>
internal sealed record FirewallSnapshot(IReadOnlyList<(Ipv4Prefix Prefix, PacketCount Dropped)> Rules, PacketCount Passed, PacketCount Dropped)
{
    public static FirewallSnapshot Read(Firewall.Loaded firewall)
    {
        // firewall.Rules is a MapView<Ipv4Prefix, PacketCount>; firewall.Verdicts a PerCpuMapView<uint, PacketCount>.
        var rules = firewall.Rules
            .Select(rule => (rule.Key, rule.Value))
            .OrderBy(rule => rule.Key.Address)
            .ThenBy(rule => rule.Key.PrefixLength)
            .ToList();
        return new FirewallSnapshot(rules, Sum(firewall.Verdicts[(uint)XdpAction.Pass]), Sum(firewall.Verdicts[(uint)XdpAction.Drop]));
    }

    /// <summary>A per-CPU value's total: each CPU counted its own packets.</summary>
    private static PacketCount Sum(PacketCount[] perCpu) => new()
    {
        Packets = perCpu.Aggregate(0ul, (sum, count) => sum + count.Packets),
        Bytes = perCpu.Aggregate(0ul, (sum, count) => sum + count.Bytes),
    };
}

/// <summary>
/// Shows what the firewall does: a log of what happened and two tables (the drop list with what each rule dropped,
/// and the packets per verdict). In a terminal it is a live display redrawn every 250 ms while the work runs; with
/// output redirected (or <c>--plain</c>) log lines print as they come and the tables print at each snapshot.
/// </summary>
internal sealed class Dashboard
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    private const int ColumnWidth = 15;

    private readonly Firewall.Loaded _firewall;
    private readonly IAnsiConsole _console;
    private readonly TextWriter? _plainOutput;
    private readonly List<string> _log = [];

    private Dashboard(Firewall.Loaded firewall, IAnsiConsole console, TextWriter? plainOutput)
    {
        _firewall = firewall;
        _console = console;
        _plainOutput = plainOutput;
    }

    private bool IsLive => _plainOutput is null;

    /// <summary>A live display on the terminal.</summary>
    public static Dashboard Live(Firewall.Loaded firewall) => new(firewall, AnsiConsole.Console, plainOutput: null);

    /// <summary>Plain text on <paramref name="output"/>: the same tables, without colours or cursor movement.</summary>
    public static Dashboard Plain(Firewall.Loaded firewall, TextWriter output) => new(firewall, AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(output),
    }), output);

    /// <summary>Adds a line to the log (printed at once, unwrapped, in plain mode).</summary>
    public void Log(string line)
    {
        lock (_log)
            _log.Add(line);
        _plainOutput?.WriteLine(line);
    }

    /// <summary>Prints the tables now in plain mode; the live display shows them all the time.</summary>
    public void Snapshot()
    {
        if (!IsLive)
        {
            _console.Write(Tables(FirewallSnapshot.Read(_firewall)));
            _console.WriteLine();
        }
    }

    /// <summary>Runs <paramref name="work"/>; in live mode the display is redrawn from the maps until it ends.</summary>
    public void Run(Action work)
    {
        if (!IsLive)
        {
            work();
            return;
        }
        _console.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Start(context =>
        {
            var running = Task.Run(work);
            while (!running.Wait(RefreshInterval))
                context.UpdateTarget(Render());
            context.UpdateTarget(Render());
            running.GetAwaiter().GetResult();
        });
    }

    private IRenderable Render()
    {
        List<IRenderable> lines;
        lock (_log)
            lines = [.. _log.Select(line => new Text(line))];
        lines.Add(Tables(FirewallSnapshot.Read(_firewall)));
        return new Rows(lines);
    }

    private static IRenderable Tables(FirewallSnapshot snapshot)
    {
        // Equal column widths line the two tables up.
        var rules = new Table { Title = new TableTitle("drop list (firewall.Rules)"), Border = TableBorder.Rounded };
        rules.AddColumn(new TableColumn("source prefix").Width(ColumnWidth));
        rules.AddColumn(new TableColumn("dropped packets").Width(ColumnWidth).RightAligned());
        rules.AddColumn(new TableColumn("dropped bytes").Width(ColumnWidth).RightAligned());
        foreach (var (prefix, dropped) in snapshot.Rules)
            rules.AddRow(prefix.ToString(), Number(dropped.Packets), Number(dropped.Bytes));
        if (snapshot.Rules.Count == 0)
            rules.AddRow("(no rules)", "-", "-");

        var verdicts = new Table { Title = new TableTitle("verdicts (firewall.Verdicts, summed over CPUs)"), Border = TableBorder.Rounded };
        verdicts.AddColumn(new TableColumn("verdict").Width(ColumnWidth));
        verdicts.AddColumn(new TableColumn("packets").Width(ColumnWidth).RightAligned());
        verdicts.AddColumn(new TableColumn("bytes").Width(ColumnWidth).RightAligned());
        verdicts.AddRow("pass", Number(snapshot.Passed.Packets), Number(snapshot.Passed.Bytes));
        verdicts.AddRow("drop", Number(snapshot.Dropped.Packets), Number(snapshot.Dropped.Bytes));
        return new Rows(rules, verdicts);
    }

    private static string Number(ulong value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using EbpfSharp.Runtime;
using EbpfSharp.Runtime.Networking;

namespace FirewallSample;

/// <summary>
/// Loads the firewall the build compiled, through the generated <see cref="Firewall"/> class, and manages its drop
/// list from here: by default on a veth pair in two private network namespaces, where it blocks the sender half-way
/// and unblocks it again, or with <c>--interface &lt;name&gt;</c> and <c>--block</c> rules on an interface of this
/// machine until Ctrl+C or <c>--seconds</c>.
/// </summary>
internal static class FirewallApp
{
    private const int Pings = 10;
    private const int Datagrams = 20;

    public static int Run(string[] args, TextWriter output)
    {
        var options = FirewallOptions.Parse(args);
        if (options.Help)
        {
            output.WriteLine(FirewallOptions.Usage);
            return 0;
        }

        using var firewall = Firewall.Load();     // the object dotnet build compiled from Firewall.cs: maps created, program verified
        bool live = !options.Plain && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var dashboard = live ? Dashboard.Live(firewall) : Dashboard.Plain(firewall, output);
        var info = firewall.Filter.GetInfo();
        dashboard.Log($"Loaded {firewall.Filter.Name}: {firewall.Filter.Program.InstructionCount} instructions, the verifier walked {info.VerifiedInstructions}, the JIT made {info.JitedSize} bytes of machine code.");

        if (options.Interface is { } name)
            RunOnInterface(firewall, dashboard, name, options);
        else
            RunOnVethPair(firewall, dashboard, live);
        return 0;
    }

    private static void RunOnVethPair(Firewall.Loaded firewall, Dashboard dashboard, bool live)
    {
        // In a terminal the pings are spaced out so the live table can be watched counting.
        var pace = live ? TimeSpan.FromMilliseconds(200) : TimeSpan.Zero;
        using var pair = VethPair.Create();
        using var link = pair.AttachXdp(firewall.Filter);    // firewall.Filter.AttachXdp("veth-b"), from inside veth-b's namespace
        var sender = Ipv4Prefix.Of(pair.AddressA);           // 10.199.0.1/32
        dashboard.Log($"Created {pair.InterfaceA} ({pair.AddressA}) and {pair.InterfaceB} ({pair.AddressB}) in two new network namespaces; attached {firewall.Filter.Name} to {pair.InterfaceB}.");

        dashboard.Run(() =>
        {
            dashboard.Log("");
            dashboard.Log($"1. No rules. {Pings} pings and {Datagrams} UDP datagrams from {pair.AddressA} to {pair.AddressB}:");
            Exchange(pair, dashboard, TimeSpan.FromSeconds(2), pace);
            dashboard.Snapshot();

            firewall.Rules[sender] = new PacketCount();     // the drop list is a typed map view: the key is the program's own struct
            dashboard.Log($"2. Blocked {sender} (firewall.Rules[{sender}] = new PacketCount()). The same traffic again:");
            Exchange(pair, dashboard, TimeSpan.FromMilliseconds(250), pace);
            dashboard.Snapshot();

            ulong dropped = firewall.Rules[sender].Packets;
            firewall.Rules.Remove(sender);
            dashboard.Log($"3. Unblocked {sender} (firewall.Rules.Remove), after its rule dropped {dropped} packets. The same traffic again:");
            Exchange(pair, dashboard, TimeSpan.FromSeconds(2), pace);
            dashboard.Snapshot();
        });
    }

    /// <summary>Pings and datagrams from A to B; logs how many got through.</summary>
    private static void Exchange(VethPair pair, Dashboard dashboard, TimeSpan timeout, TimeSpan pace)
    {
        int answered = Traffic.Ping(pair, Pings, timeout, pace);
        int delivered = Traffic.SendUdp(pair, Datagrams, timeout);
        dashboard.Log($"   {answered} of {Pings} pings answered, {delivered} of {Datagrams} datagrams delivered.");
    }

    private static void RunOnInterface(Firewall.Loaded firewall, Dashboard dashboard, string name, FirewallOptions options)
    {
        foreach (var prefix in options.Blocks)
            firewall.Rules[prefix] = new PacketCount();
        using var link = firewall.Filter.AttachXdp(name, options.Mode);
        string rules = options.Blocks.Count == 0 ? "no rules (--block adds some), so everything passes" : $"dropping IPv4 from {string.Join(", ", options.Blocks)}";
        string until = options.Seconds is { } seconds ? $"for {seconds} s (Ctrl+C stops early)" : "until Ctrl+C";
        dashboard.Log($"Attached {firewall.Filter.Name} to {name} ({options.Mode} mode), {rules}; running {until}.");

        using var stop = options.Seconds is { } limit ? new CancellationTokenSource(TimeSpan.FromSeconds(limit)) : new CancellationTokenSource();
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            dashboard.Run(() => stop.Token.WaitHandle.WaitOne());
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
        dashboard.Snapshot();
    }
}

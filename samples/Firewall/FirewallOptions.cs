using System.Globalization;
using EbpfSharp.Runtime;

namespace FirewallSample;

/// <summary>The sample's command line.</summary>
internal sealed record FirewallOptions
{
    public const string Usage = """
        Firewall: an XDP firewall written in C#, compiled to eBPF by dotnet build. The host manages its drop
        list (IPv4 source prefixes) through the class the source generator writes, and shows a live table.

        Usage: dotnet run --project samples/Firewall -- [options]   (as root)

          (no options)           run on a veth pair in two new network namespaces: traffic from one side, which
                                 is blocked half-way and unblocked again
          --interface <name>     attach to an interface of this machine instead, with the --block rules
          --block <prefix>       drop IPv4 packets from this source on --interface: 10.1.2.3 or 10.1.0.0/16 (repeatable)
          --seconds <n>          how long to run on --interface (default: until Ctrl+C)
          --mode <m>             XDP mode on --interface: default, generic or driver
          --plain                print snapshots as text instead of a live table (the default when output is redirected)
          --help                 this text
        """;

    public string? Interface { get; init; }

    public IReadOnlyList<Ipv4Prefix> Blocks { get; init; } = [];

    public int? Seconds { get; init; }

    public XdpAttachMode Mode { get; init; } = XdpAttachMode.Default;

    public bool Plain { get; init; }

    public bool Help { get; init; }

    public static FirewallOptions Parse(string[] args)
    {
        var options = new FirewallOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value.\n\n{Usage}");
            options = option switch
            {
                "--interface" => options with { Interface = Value() },
                "--block" => options with { Blocks = [.. options.Blocks, Prefix(Value())] },
                "--seconds" => options with { Seconds = Number(option, Value()) },
                "--mode" => options with { Mode = AttachMode(Value()) },
                "--plain" => options with { Plain = true },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{option}'.\n\n{Usage}"),
            };
        }
        if (options.Interface is null && !options.Help && (options.Blocks.Count > 0 || options.Seconds is not null))
            throw new ArgumentException($"--block and --seconds go with --interface: the veth pair demo blocks and unblocks its own sender.\n\n{Usage}");
        return options;
    }

    private static Ipv4Prefix Prefix(string text)
    {
        try
        {
            return Ipv4Prefix.Parse(text);
        }
        catch (FormatException exception)
        {
            throw new ArgumentException($"--block: {exception.Message}", exception);
        }
    }

    private static int Number(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"{option} takes a positive whole number of seconds, not '{text}'.");

    private static XdpAttachMode AttachMode(string text) =>
        Enum.TryParse(text, ignoreCase: true, out XdpAttachMode mode) && Enum.IsDefined(mode)
            ? mode
            : throw new ArgumentException($"--mode is default, generic or driver, not '{text}'.");
}

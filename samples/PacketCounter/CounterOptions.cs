using System.Globalization;
using EbpfSharp.Runtime;

namespace PacketCounterSample;

/// <summary>The sample's command line.</summary>
internal sealed record CounterOptions
{
    public const string Usage = """
        PacketCounter: an XDP protocol counter written in C#, compiled to eBPF by dotnet build and driven
        through the class the source generator writes for it.

        Usage: dotnet run --project samples/PacketCounter -- [options]   (as root)

          (no options)               run on a veth pair in two new network namespaces, with generated traffic
          --interface <name>         attach to an interface of this machine instead and count for a while
          --seconds <n>              how long to count on --interface (default 10; Ctrl+C stops early)
          --mode <m>                 XDP mode on --interface: default, generic or driver
          --ignore-ethertype <hex>   frames of this EtherType pass uncounted (default 86DD, IPv6; 0 ignores none)
          --dump                     print the program's instructions before loading it
          --help                     this text
        """;

    public string? Interface { get; init; }

    public int Seconds { get; init; } = 10;

    public XdpAttachMode Mode { get; init; } = XdpAttachMode.Default;

    /// <summary>The EtherType to set as the program's config before loading; null keeps the compiled default.</summary>
    public ushort? IgnoredEtherType { get; init; }

    public bool Dump { get; init; }

    public bool Help { get; init; }

    public static CounterOptions Parse(string[] args)
    {
        var options = new CounterOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value.\n\n{Usage}");
            options = option switch
            {
                "--interface" => options with { Interface = Value() },
                "--seconds" => options with { Seconds = Number(option, Value()) },
                "--mode" => options with { Mode = AttachMode(Value()) },
                "--ignore-ethertype" => options with { IgnoredEtherType = EtherType(Value()) },
                "--dump" => options with { Dump = true },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{option}'.\n\n{Usage}"),
            };
        }
        return options;
    }

    private static int Number(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"{option} takes a positive whole number of seconds, not '{text}'.");

    private static XdpAttachMode AttachMode(string text) =>
        Enum.TryParse(text, ignoreCase: true, out XdpAttachMode mode) && Enum.IsDefined(mode)
            ? mode
            : throw new ArgumentException($"--mode is default, generic or driver, not '{text}'.");

    /// <summary>A 16-bit EtherType in hex, with or without 0x: 86DD, 0x0806.</summary>
    private static ushort EtherType(string text)
    {
        string digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        return ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort value)
            ? value
            : throw new ArgumentException($"--ignore-ethertype takes a 16-bit EtherType in hex (86DD, 0x0806), not '{text}'.");
    }
}

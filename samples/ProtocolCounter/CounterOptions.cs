using EbpfSharp.Runtime;

namespace ProtocolCounterSample;

/// <summary>The sample's command line.</summary>
internal sealed record CounterOptions
{
    public const string Usage = """
        ProtocolCounter: an XDP protocol counter written in C# and compiled to eBPF by dotnet build.

        Usage: dotnet run --project samples/ProtocolCounter -- [options]   (as root)

          (no options)          run on a veth pair in two new network namespaces, with generated traffic
          --interface <name>    attach to an interface of this machine instead and count for a while
          --seconds <n>         how long to count on --interface (default 10)
          --mode <m>            XDP mode on --interface: default, generic or driver
          --object <path>       the object to load (default: ProtocolCounter.bpf.o, which the build puts next to the sample)
          --dump                print the object's disassembly with its source lines
          --help                this text
        """;

    public string? Interface { get; init; }

    public int Seconds { get; init; } = 10;

    public XdpAttachMode Mode { get; init; } = XdpAttachMode.Default;

    public string ObjectPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "ProtocolCounter.bpf.o");

    public bool Dump { get; init; }

    public bool Help { get; init; }

    public static CounterOptions Parse(string[] args)
    {
        var options = new CounterOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n\n{Usage}");
            options = args[i] switch
            {
                "--interface" => options with { Interface = Value() },
                "--seconds" => options with { Seconds = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--mode" => options with { Mode = Enum.Parse<XdpAttachMode>(Value(), ignoreCase: true) },
                "--object" => options with { ObjectPath = Path.GetFullPath(Value()) },
                "--dump" => options with { Dump = true },
                "--help" or "-h" => options with { Help = true },
                var unknown => throw new ArgumentException($"Unknown option '{unknown}'.\n\n{Usage}"),
            };
        }
        return options;
    }
}

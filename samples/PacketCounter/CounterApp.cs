using EbpfSharp.Object.Disassembly;
using EbpfSharp.Runtime;
using EbpfSharp.Runtime.Networking;

namespace PacketCounterSample;

/// <summary>
/// Loads the protocol counter the build compiled, through the generated <see cref="ProtocolCounter"/> class,
/// attaches it and reports what it counted: by default on a veth pair in two private network namespaces fed with
/// known traffic, or with <c>--interface &lt;name&gt;</c> on an interface of this machine for a while.
/// </summary>
internal static class CounterApp
{
    private const int UdpDatagrams = 40;
    private const int TcpSyns = 10;
    private const int Pings = 15;
    private const int DatagramsAfterDetaching = 10;

    public static int Run(string[] args, TextWriter output)
    {
        var options = CounterOptions.Parse(args);
        if (options.Help)
        {
            output.WriteLine(CounterOptions.Usage);
            return 0;
        }

        // Open() reads the object dotnet build compiled from ProtocolCounter; Config is its .rodata, settable until Load().
        var opened = ProtocolCounter.Open();
        if (options.IgnoredEtherType is { } etherType)
            opened.Config.IgnoredEtherType = etherType;
        output.WriteLine($"Opened the object dotnet build compiled from ProtocolCounter.cs; config: IgnoredEtherType = 0x{opened.Config.IgnoredEtherType:X4}.");
        if (options.Dump)
            Dump(opened.Spec, output);

        using var counter = opened.Load();
        var info = counter.Count.GetInfo();
        output.WriteLine($"Loaded {counter.Count.Name}: {counter.Count.Program.InstructionCount} instructions, the verifier walked {info.VerifiedInstructions}, the JIT made {info.JitedSize} bytes of machine code.");

        return options.Interface is { } name
            ? CountOnInterface(counter, name, options, output)
            : CountOnVethPair(counter, output);
    }

    private static int CountOnVethPair(ProtocolCounter.Loaded counter, TextWriter output)
    {
        using var pair = VethPair.Create();
        output.WriteLine($"Created {pair.InterfaceA} ({pair.AddressA}) and {pair.InterfaceB} ({pair.AddressB}) in two new network namespaces.");
        using (pair.AttachXdp(counter.Count))   // counter.Count.AttachXdp("veth-b"), from inside veth-b's namespace
        {
            output.WriteLine($"Attached {counter.Count.Name} to {pair.InterfaceB}. Sending {UdpDatagrams} UDP datagrams, {TcpSyns} TCP SYNs and {Pings} pings from {pair.InterfaceA}...");
            int delivered = Traffic.SendUdp(pair, UdpDatagrams);
            Traffic.SendTcpSyns(pair, TcpSyns);
            int replies = Traffic.SendPings(pair, Pings);
            output.WriteLine($"{delivered} of {UdpDatagrams} datagrams reached their socket in the other namespace; {replies} of {Pings} pings were answered.");
            output.WriteLine();
            CountTable.Write(output, counter, sent: new Dictionary<uint, int> { [1] = Pings, [6] = TcpSyns, [17] = UdpDatagrams });
        }

        ulong before = counter.Counts[17].Packets;
        int crossed = Traffic.SendUdp(pair, DatagramsAfterDetaching);
        ulong after = counter.Counts[17].Packets;
        output.WriteLine();
        output.WriteLine($"Detached. {crossed} more datagrams crossed the pair; the UDP count stayed at {after} (was {before}).");
        return 0;
    }

    private static int CountOnInterface(ProtocolCounter.Loaded counter, string name, CounterOptions options, TextWriter output)
    {
        using var link = counter.Count.AttachXdp(name, options.Mode);
        output.WriteLine($"Attached {counter.Count.Name} to {name} ({options.Mode} mode); counting for {options.Seconds} s (Ctrl+C stops early)...");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            stop.Token.WaitHandle.WaitOne();
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
        output.WriteLine();
        CountTable.Write(output, counter, sent: null);
        return 0;
    }

    /// <summary>The programs' instructions as the object holds them (<c>ebpfsharp dump</c> adds the C# lines).</summary>
    private static void Dump(ObjectSpec spec, TextWriter output)
    {
        foreach (var program in spec.Programs)
        {
            output.WriteLine($"{program.Name} ({program.SectionName}):");
            int slot = 0;
            foreach (var instruction in program.Instructions)
            {
                output.WriteLine($"{slot,6}: {InstructionFormatter.Format(instruction)}");
                slot += instruction.Slots;
            }
        }
    }
}

using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;
using EbpfSharp.Runtime;
using EbpfSharp.Runtime.Networking;

namespace ProtocolCounterSample;

/// <summary>
/// Loads the protocol counter the build compiled, attaches it and reports what it counted:
/// by default on a veth pair in two private network namespaces fed with known traffic, or with
/// <c>--interface &lt;name&gt;</c> on an interface of this machine for a while.
/// </summary>
internal static class CounterApp
{
    private const int UdpDatagrams = 40;
    private const int TcpSyns = 10;
    private const int Pings = 15;

    public static int Run(string[] args, TextWriter output)
    {
        var options = CounterOptions.Parse(args);
        if (options.Help)
        {
            output.WriteLine(CounterOptions.Usage);
            return 0;
        }

        if (!File.Exists(options.ObjectPath))
            throw new FileNotFoundException($"{options.ObjectPath} does not exist; 'dotnet build' writes it next to the sample (or pass --object <path>).");
        byte[] bytes = File.ReadAllBytes(options.ObjectPath);
        output.WriteLine($"Compiled by dotnet build: {options.ObjectPath} ({bytes.Length} bytes); try 'ebpfsharp info' or 'ebpfsharp dump' on it.");
        if (options.Dump)
            output.Write(ObjectDisassembler.Disassemble(ElfFile.Read(bytes), options.ObjectPath, new ObjectDisassemblyOptions { ShowSourceLines = true }));

        using var loaded = BpfObject.Load(options.ObjectPath);
        var program = loaded.Program(nameof(ProtocolCounter.Count));
        var info = program.GetInfo();
        output.WriteLine($"Loaded {program.Name}: {program.InstructionCount} instructions, the verifier walked {info.VerifiedInstructions}, the JIT made {info.JitedSize} bytes of machine code.");

        return options.Interface is { } name
            ? CountOnInterface(loaded, program, name, options, output)
            : CountOnVethPair(loaded, program, output);
    }

    private static int CountOnVethPair(BpfObject loaded, BpfProgram program, TextWriter output)
    {
        using var pair = VethPair.Create();
        output.WriteLine($"Created {pair.InterfaceA} ({pair.AddressA}) and {pair.InterfaceB} ({pair.AddressB}) in two new network namespaces.");
        using (pair.AttachXdp(program))
        {
            output.WriteLine($"Attached {program.Name} to {pair.InterfaceB}. Sending {UdpDatagrams} UDP datagrams, {TcpSyns} TCP SYNs and {Pings} pings from {pair.InterfaceA}...");
            int delivered = Traffic.SendUdp(pair, UdpDatagrams);
            Traffic.SendTcpSyns(pair, TcpSyns);
            int replies = Traffic.SendPings(pair, Pings);
            output.WriteLine($"{delivered} of {UdpDatagrams} datagrams reached their socket in the other namespace; {replies} of {Pings} pings were answered.");
            output.WriteLine();
            CountTable.Write(output, loaded, sent: new Dictionary<int, int> { [1] = Pings, [6] = TcpSyns, [17] = UdpDatagrams });
        }

        var before = CountTable.Read(loaded);
        Traffic.SendUdp(pair, 10);
        var after = CountTable.Read(loaded);
        output.WriteLine();
        output.WriteLine($"Detached. 10 more datagrams crossed the pair; the UDP count stayed at {after.GetValueOrDefault(17).Packets} (was {before.GetValueOrDefault(17).Packets}).");
        return 0;
    }

    private static int CountOnInterface(BpfObject loaded, BpfProgram program, string name, CounterOptions options, TextWriter output)
    {
        using var link = program.AttachXdp(name, options.Mode);
        output.WriteLine($"Attached {program.Name} to {name} ({options.Mode} mode); counting for {options.Seconds} s (Ctrl+C stops early)...");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        stop.Token.WaitHandle.WaitOne();
        output.WriteLine();
        CountTable.Write(output, loaded, sent: null);
        return 0;
    }
}

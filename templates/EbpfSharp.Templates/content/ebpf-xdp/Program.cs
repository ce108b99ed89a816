using EbpfXdp;

// Run as root (or with CAP_BPF and CAP_NET_ADMIN):
//   dotnet run                          test-runs one synthetic UDP packet through the program in the kernel
//   dotnet run -- --interface <name>    attaches it to an interface and prints the counts every second (Ctrl+C stops)

using var counter = PacketCounter.Load();   // the object embedded by the build: map created, program verified

if (args is ["--interface", var name])
{
    using var link = counter.Count.AttachXdp(name);
    Console.WriteLine($"Counting packets on {name}; Ctrl+C stops.");
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    while (!stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
        PrintCounts(counter);
    return 0;
}
if (args.Length > 0)
{
    Console.Error.WriteLine("Usage: dotnet run [-- --interface <name>]");
    return 2;
}

var result = counter.Count.TestRun(UdpPacket());
Console.WriteLine($"Verdict for a synthetic UDP packet: {result.Action}");
PrintCounts(counter);
return 0;

static void PrintCounts(PacketCounter.Loaded counter)
{
    foreach (var (protocol, packets) in counter.Counts)
    {
        if (packets > 0)
            Console.WriteLine($"  {ProtocolName(protocol)}: {packets} packet(s)");
    }
    Console.WriteLine($"  not IPv4: {counter.OtherFrames} frame(s)");
}

static string ProtocolName(uint protocol) => protocol switch
{
    1 => "ICMP (1)",
    6 => "TCP (6)",
    17 => "UDP (17)",
    58 => "ICMPv6 (58)",
    _ => $"protocol {protocol}",
};

// Ethernet, IPv4 and UDP headers (42 bytes) and a 22-byte payload: 10.0.0.1:1234 -> 10.0.0.2:53.
static byte[] UdpPacket()
{
    byte[] packet = new byte[64];
    packet[12] = 0x08;                                    // EtherType IPv4 (0x0800)
    packet[14] = 0x45;                                    // IPv4, 20-byte header
    packet[16] = 0; packet[17] = 50;                      // total length: 64 - 14
    packet[22] = 64;                                      // TTL
    packet[23] = 17;                                      // protocol: UDP
    byte[] source = [10, 0, 0, 1], destination = [10, 0, 0, 2];
    source.CopyTo(packet, 26);
    destination.CopyTo(packet, 30);
    packet[34] = 1234 >> 8; packet[35] = 1234 & 0xff;     // source port
    packet[36] = 0; packet[37] = 53;                      // destination port
    packet[38] = 0; packet[39] = 30;                      // UDP length: 8 + 22
    return packet;
}

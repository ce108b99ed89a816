using EbpfSharp.Runtime;

namespace ProtocolCounterSample;

/// <summary>Reads the program's counters from its maps and prints them as a table.</summary>
internal static class CountTable
{
    private static readonly Dictionary<int, string> ProtocolNames = new()
    {
        [1] = "ICMP", [2] = "IGMP", [6] = "TCP", [17] = "UDP", [47] = "GRE", [50] = "ESP", [132] = "SCTP",
    };

    /// <summary>Every IPv4 protocol with a non-zero count.</summary>
    public static Dictionary<int, ProtocolCount> Read(BpfObject loaded)
    {
        var counts = new MapView<uint, ProtocolCount>(loaded.Map("Counts"));   // the program's key and value types
        var read = new Dictionary<int, ProtocolCount>();
        foreach (var (protocol, count) in counts)
            if (count.Packets > 0)
                read[(int)protocol] = count;
        return read;
    }

    /// <summary>The .bss counter of frames that were not IPv4 (ARP, IPv6 neighbour discovery, …).</summary>
    public static ulong NotIpv4(BpfObject loaded) => loaded.Variable<ulong>("NotIpv4").Value;

    public static void Write(TextWriter output, BpfObject loaded, IReadOnlyDictionary<int, int>? sent)
    {
        var counts = Read(loaded);
        output.WriteLine(sent is null ? "protocol        packets       bytes" : "protocol        packets       bytes    sent");
        foreach (var (protocol, count) in counts.OrderBy(entry => entry.Key))
        {
            string name = ProtocolNames.TryGetValue(protocol, out var known) ? $"{known} ({protocol})" : $"#{protocol}";
            string sentColumn = sent is not null && sent.TryGetValue(protocol, out int number) ? $"{number,8}" : "";
            output.WriteLine($"{name,-12}{count.Packets,11}{count.Bytes,12}{sentColumn}");
        }
        output.WriteLine($"{"not IPv4",-12}{NotIpv4(loaded),11}{"",12}{(sent is null ? "" : "       -")}   (ARP, IPv6, …)");
    }
}

namespace PacketCounterSample;

/// <summary>Reads the program's counters through the generated class and prints them as a table.</summary>
internal static class CountTable
{
    private static readonly Dictionary<uint, string> ProtocolNames = new()
    {
        [1] = "ICMP", [2] = "IGMP", [6] = "TCP", [17] = "UDP", [47] = "GRE", [50] = "ESP", [132] = "SCTP",
    };

    /// <summary>Every IPv4 protocol with a non-zero count, from the typed view of the <c>Counts</c> map.</summary>
    public static SortedDictionary<uint, ProtocolCount> Read(ProtocolCounter.Loaded counter)
    {
        var read = new SortedDictionary<uint, ProtocolCount>();
        foreach (var (protocol, count) in counter.Counts)      // MapView<uint, ProtocolCount>: the program's own types
            if (count.Packets > 0)
                read[protocol] = count;
        return read;
    }

    /// <summary>Prints the counts, with a "sent" column when the numbers sent are known.</summary>
    public static void Write(TextWriter output, ProtocolCounter.Loaded counter, IReadOnlyDictionary<uint, int>? sent)
    {
        output.WriteLine(sent is null ? "protocol        packets       bytes" : "protocol        packets       bytes    sent");
        foreach (var (protocol, count) in Read(counter))
        {
            string name = ProtocolNames.TryGetValue(protocol, out var known) ? $"{known} ({protocol})" : $"#{protocol}";
            string sentColumn = sent is not null && sent.TryGetValue(protocol, out int number) ? $"{number,8}" : "";
            output.WriteLine($"{name,-12}{count.Packets,11}{count.Bytes,12}{sentColumn}");
        }
        string ignored = counter.IgnoredEtherType == 0 ? "" : $"; EtherType 0x{counter.IgnoredEtherType:X4} is ignored";
        output.WriteLine($"{"not IPv4",-12}{counter.NotIpv4,11}{"",12}{(sent is null ? "" : "       -")}   (ARP, …{ignored})");
    }
}

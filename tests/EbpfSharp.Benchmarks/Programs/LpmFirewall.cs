using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>
/// samples/Firewall's program: drops IPv4 packets whose source falls in a prefix of an LPM-trie drop list
/// (counting on the rule, atomically), and counts packets and bytes per verdict in a per-CPU array.
/// The harness seeds the drop list. Twin: c/lpm_firewall.c.
/// </summary>
public static unsafe class LpmFirewall
{
    static readonly LpmTrie<Ipv4Prefix, PacketCount> Rules = new(maxEntries: 1024);
    static readonly PerCpuArrayMap<PacketCount> Verdicts = new(maxEntries: 5);

    [Xdp]
    public static XdpAction Filter(XdpContext ctx)
    {
        XdpAction verdict = Blocked(ctx) ? XdpAction.Drop : XdpAction.Pass;
        PacketCount* total = Verdicts.Lookup((uint)verdict);
        if (total != null)
        {
            total->Packets++;
            total->Bytes += (ulong)ctx.Length;
        }
        return verdict;
    }

    private static bool Blocked(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return false;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return false;
        PacketCount* rule = Rules.Lookup(new Ipv4Prefix { PrefixLength = 32, Address = ip->SourceAddress });
        if (rule == null)
            return false;
        Interlocked.Increment(ref rule->Packets);
        Interlocked.Add(ref rule->Bytes, (ulong)ctx.Length);
        return true;
    }
}

using System.Runtime.InteropServices;
using System.Threading;
using EbpfSharp;
using EbpfSharp.Net;

namespace FirewallSample;

/// <summary>Packets and bytes: what a rule dropped, or what took a verdict.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PacketCount
{
    public ulong Packets;
    public ulong Bytes;
}

/// <summary>
/// The XDP firewall, in C#: drops IPv4 packets whose source address falls in a prefix of the drop list and passes
/// everything else. <c>dotnet build</c> compiles it to an eBPF object; the source generator adds the typed host API
/// (<c>Firewall.Load()</c>, <c>firewall.Filter</c>, <c>firewall.Rules</c>, <c>firewall.Verdicts</c>), through which
/// the host adds and removes rules while the program runs. On the CLR the same method runs against managed maps
/// (see the sample's tests).
/// </summary>
public static unsafe partial class Firewall
{
    /// <summary>
    /// The drop list: source prefixes to drop (an LPM trie, so 10.1.0.0/16 covers 10.1.2.3), each with what it dropped.
    /// The host adds, removes and reads rules; the program only counts.
    /// </summary>
    internal static readonly LpmTrie<Ipv4Prefix, PacketCount> Rules = new(maxEntries: 1024);

    /// <summary>
    /// Packets and bytes per verdict, indexed by <see cref="XdpAction"/> (Drop = 1, Pass = 2): one copy per CPU, so
    /// the counts need no atomics; the host sums the CPUs.
    /// </summary>
    internal static readonly PerCpuArrayMap<PacketCount> Verdicts = new(maxEntries: 5);

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

    /// <summary>Whether the packet is IPv4 from a blocked source; counts the drop on the matching rule.</summary>
    private static bool Blocked(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return false;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return false;

        // A full-length key: the trie finds the longest stored prefix that contains the source address.
        PacketCount* rule = Rules.Lookup(new Ipv4Prefix { PrefixLength = 32, Address = ip->SourceAddress });
        if (rule == null)
            return false;
        Interlocked.Increment(ref rule->Packets);              // other CPUs may drop through the same rule
        Interlocked.Add(ref rule->Bytes, (ulong)ctx.Length);
        return true;
    }
}

using System.Runtime.InteropServices;

namespace EbpfSharp.Generated.Tests.Programs;

/// <summary>An LPM trie key: prefix length, then an IPv4 address as the packet holds it.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Ipv4Prefix
{
    public uint PrefixLength;
    public uint Address;
}

/// <summary>Every other map kind, each reachable through the generated class's typed views.</summary>
public static unsafe partial class MapKinds
{
    internal static readonly LruHashMap<uint, ulong> Recent = new(maxEntries: 16);
    internal static readonly PerCpuArrayMap<ulong> Hits = new(maxEntries: 4);
    internal static readonly PerCpuHashMap<uint, ulong> HitsByKey = new(maxEntries: 16);
    internal static readonly LruPerCpuHashMap<uint, ulong> RecentPerCpu = new(maxEntries: 16);
    internal static readonly LpmTrie<Ipv4Prefix, uint> Routes = new(maxEntries: 16);
    internal static readonly QueueMap<uint> Pending = new(maxEntries: 8);
    internal static readonly StackMap<uint> Undo = new(maxEntries: 8);
    internal static readonly BloomFilter<uint> Known = new(maxEntries: 64);
    internal static readonly ProgramArray Jumps = new(maxEntries: 4);
    internal static readonly StackTraceMap Stacks = new(maxEntries: 16);

    /// <summary>Jumps to slot 0 (the host fills it with <see cref="Target"/>); passes when the slot is empty.</summary>
    [Xdp]
    public static XdpAction Entry(XdpContext ctx) => Jumps.TailCall(ctx, 0, XdpAction.Pass);

    /// <summary>Counts a hit on this CPU, moves a queued value to the stack, and drops.</summary>
    [Xdp]
    public static XdpAction Target(XdpContext ctx)
    {
        ulong* hits = Hits.Lookup(0);
        if (hits != null)
            *hits += 1;
        if (Pending.TryPop(out uint value))
            Undo.Push(value);
        return XdpAction.Drop;
    }
}

using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Global variables of every kind: <c>.bss</c> counters (plain and atomic), <c>.data</c> with non-zero
/// initialisers, <c>.rodata</c> settings that change verdicts, and a struct-valued global.
/// </summary>
public static unsafe partial class GlobalState
{
    public struct Totals
    {
        public ulong Bytes;
        public uint Largest;
        public ushort LastEtherType;
        public byte LastTtl;
        public byte Frames;
    }

    // .bss
    static ulong Packets;
    static ulong AtomicPackets;
    static Totals Summary;

    // .data: non-zero initialisers.
    static uint Budget = 300;
    static long Balance = -1000;
    static ushort LastShortLength = 0xFFFF;

    // .rodata
    static readonly uint MinimumLength = 60;
    static readonly byte MinimumTtl = 2;

    /// <summary>Counts packets with ++ and with an atomic increment, in .bss.</summary>
    [Xdp]
    public static XdpAction CountPackets(XdpContext ctx)
    {
        Packets++;
        Interlocked.Increment(ref AtomicPackets);
        return (Packets & 1) == 0 ? XdpAction.Pass : XdpAction.Tx;
    }

    /// <summary>
    /// Spends a budget that starts at 300 (.data): each IPv4 packet costs one, and at zero everything drops. Adds
    /// frame lengths to a signed balance that starts at -1000 (.data), and sends packets back while it is negative.
    /// </summary>
    [Xdp]
    public static XdpAction SpendBudget(XdpContext ctx)
    {
        if (Budget == 0)
            return XdpAction.Drop;
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        Budget--;
        Balance += ctx.Length;
        return Balance < 0 ? XdpAction.Tx : XdpAction.Pass;
    }

    /// <summary>Drops frames shorter than the .rodata minimum and IPv4 packets under the minimum TTL; remembers the last short length.</summary>
    [Xdp]
    public static XdpAction EnforceMinimums(XdpContext ctx)
    {
        if ((uint)ctx.Length < MinimumLength)
        {
            LastShortLength = (ushort)ctx.Length;
            return XdpAction.Drop;
        }
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        return ip->Ttl < MinimumTtl ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>Keeps running totals in a struct global: field updates, an atomic add on a field, and a whole-struct copy.</summary>
    [Xdp]
    public static XdpAction Summarize(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Aborted;
        Interlocked.Add(ref Summary.Bytes, (ulong)ctx.Length);
        if ((uint)ctx.Length > Summary.Largest)
            Summary.Largest = (uint)ctx.Length;
        Summary.LastEtherType = eth->EtherType;
        Summary.Frames++;
        if (eth->EtherType == EtherType.IPv4 && ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            Summary.LastTtl = ip->Ttl;
        Totals snapshot = Summary;
        return snapshot.Frames % 8 == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}

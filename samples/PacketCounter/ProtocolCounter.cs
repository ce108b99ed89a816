using System.Runtime.InteropServices;
using System.Threading;
using EbpfSharp;
using EbpfSharp.Net;

namespace PacketCounterSample;

/// <summary>What the program counts per IPv4 protocol: packets, and their bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ProtocolCount
{
    public ulong Packets;
    public ulong Bytes;
}

/// <summary>
/// The XDP program, in C#. <c>dotnet build</c> compiles this class to an eBPF object (<c>ProtocolCounter.bpf.o</c>),
/// and the source generator adds the typed host API to it: <c>ProtocolCounter.Load()</c> (or <c>Open()</c>, set
/// <c>Config.IgnoredEtherType</c>, then <c>Load()</c>) returns an object with <c>Count</c> (the program),
/// <c>Counts</c> (the map, as a view of <see cref="ProtocolCount"/> by protocol number) and <c>NotIpv4</c> (the
/// global). On the CLR the same method runs against managed maps (see the sample's tests).
/// </summary>
public static unsafe partial class ProtocolCounter
{
    /// <summary>A map is a static readonly field initialised with new(...): an array of counts, indexed by IPv4 protocol number.</summary>
    internal static readonly ArrayMap<ProtocolCount> Counts = new(maxEntries: 256);

    /// <summary>
    /// A static readonly primitive is read-only config (.rodata): the host sets it between Open() and Load(), and
    /// the verifier then treats it as a constant. Frames of this EtherType pass uncounted (0x86DD: IPv6).
    /// </summary>
    internal static readonly ushort IgnoredEtherType = 0x86DD;

    /// <summary>A mutable static is global data (.bss): frames that are neither IPv4 nor ignored (ARP, …), read by the host after load.</summary>
    internal static ulong NotIpv4;

    [Xdp]
    public static XdpAction Count(XdpContext ctx)
    {
        // TryGet is the bounds check the verifier insists on; EtherType reads in host byte order.
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Pass;
        if (eth->EtherType == IgnoredEtherType)
            return XdpAction.Pass;
        if (eth->EtherType != EtherType.IPv4)
        {
            Interlocked.Increment(ref NotIpv4);
            return XdpAction.Pass;
        }
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;

        // Interlocked compiles to BPF atomic adds: other CPUs count into the same element.
        ProtocolCount* count = Counts.Lookup(ip->Protocol);
        if (count != null)
        {
            Interlocked.Increment(ref count->Packets);
            Interlocked.Add(ref count->Bytes, (ulong)ctx.Length);
        }
        return XdpAction.Pass;
    }
}

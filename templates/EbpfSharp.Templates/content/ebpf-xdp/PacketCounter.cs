using System.Threading;
using EbpfSharp;
using EbpfSharp.Net;

namespace EbpfXdp;

/// <summary>
/// An XDP program, in C#: counts the IPv4 packets an interface receives per IP protocol (TCP = 6, UDP = 17, …) and
/// lets every packet pass. <c>dotnet build</c> compiles this class to eBPF and embeds the object in the assembly;
/// the generated <c>PacketCounter.Load()</c> loads it into the kernel.
/// </summary>
public static unsafe partial class PacketCounter
{
    /// <summary>Packets per IP protocol number (the kernel's copy is read through <c>Loaded.Counts</c>).</summary>
    static readonly ArrayMap<ulong> Counts = new(maxEntries: 256);

    /// <summary>Frames that are not IPv4 (ARP, IPv6, …): a global the host reads as <c>Loaded.OtherFrames</c>.</summary>
    static ulong OtherFrames;

    [Xdp]
    public static XdpAction Count(XdpContext ctx)
    {
        // Every read is bounds-checked: TryGet fails when the packet is too short, as the verifier requires.
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
        {
            Interlocked.Increment(ref OtherFrames);
            return XdpAction.Pass;
        }
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;

        ulong* packets = Counts.Lookup(ip->Protocol);
        if (packets != null)
            Interlocked.Increment(ref *packets);
        return XdpAction.Pass;
    }
}

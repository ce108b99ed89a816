using System.Runtime.InteropServices;
using System.Threading;
using EbpfSharp;
using EbpfSharp.Net;

namespace ProtocolCounterSample;

/// <summary>What the program counts per IPv4 protocol: packets, and their bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ProtocolCount
{
    public ulong Packets;
    public ulong Bytes;
}

/// <summary>
/// The XDP program, in C#. <c>dotnet build</c> compiles it to <c>ProtocolCounter.bpf.o</c> beside the sample's
/// assembly: an array map of <see cref="ProtocolCount"/> by protocol number, and a <c>.bss</c> counter of frames
/// that are not IPv4. On the CLR the same method runs against managed maps (see the sample's tests).
/// </summary>
public static unsafe class ProtocolCounter
{
    internal static readonly ArrayMap<ProtocolCount> Counts = new(maxEntries: 256);

    internal static ulong NotIpv4;

    [Xdp]
    public static XdpAction Count(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
        {
            Interlocked.Increment(ref NotIpv4);
            return XdpAction.Pass;
        }
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;

        ProtocolCount* count = Counts.Lookup(ip->Protocol);
        if (count != null)
        {
            Interlocked.Increment(ref count->Packets);
            Interlocked.Add(ref count->Bytes, (ulong)ctx.Length);
        }
        return XdpAction.Pass;
    }
}

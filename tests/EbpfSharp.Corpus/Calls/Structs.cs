using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Calls;

/// <summary>Struct locals, struct methods and ref/out/in parameters (all inlined).</summary>
public static unsafe class Structs
{
    private static bool TryReadFlow(XdpContext ctx, out FlowKey key)
    {
        key = default;
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return false;
        if (!ctx.TryGet(14, out IPv4Header* ip) || ip->HeaderLength != 20 || ip->Protocol != IPProtocol.Udp)
            return false;
        if (!ctx.TryGet(34, out UdpHeader* udp))
            return false;
        key.Source = ip->SourceAddress;
        key.Destination = ip->DestinationAddress;
        key.SourcePort = udp->SourcePort;
        key.DestinationPort = udp->DestinationPort;
        return true;
    }

    /// <summary>Reads a flow key through an out parameter, hashes it with a struct method, writes the hash into the MAC.</summary>
    [Xdp]
    public static XdpAction FlowHash(XdpContext ctx)
    {
        if (!TryReadFlow(ctx, out FlowKey key))
            return XdpAction.Pass;
        uint forward = key.Hash();
        key.Reverse();
        uint backward = key.Hash();
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Aborted;
        eth->Destination[0] = (byte)(forward >> 24);
        eth->Destination[1] = (byte)(forward >> 16);
        eth->Destination[2] = (byte)(forward >> 8);
        eth->Destination[3] = (byte)forward;
        eth->Source[0] = (byte)backward;
        return (forward & 3) switch { 0 => XdpAction.Drop, 1 => XdpAction.Tx, _ => XdpAction.Pass };
    }

    private static void Accumulate(ref uint total, in FlowKey key, int weight)
    {
        total += key.SourcePort * (uint)weight;
        total ^= key.Source;
    }

    private static void Split(uint value, out ushort high, out ushort low)
    {
        high = (ushort)(value >> 16);
        low = (ushort)value;
    }

    /// <summary>ref, in and out parameters on struct and scalar locals.</summary>
    [Xdp]
    public static XdpAction RefOutIn(XdpContext ctx)
    {
        if (!TryReadFlow(ctx, out FlowKey key))
            return XdpAction.Pass;
        uint total = 1;
        for (int i = 1; i <= 3; i++)
            Accumulate(ref total, in key, i);
        Split(total, out ushort high, out ushort low);
        if (!ctx.TryGet(34, out UdpHeader* udp))
            return XdpAction.Aborted;
        udp->Checksum = 0;
        udp->Length = (ushort)(high ^ low);
        return high > low ? XdpAction.Tx : XdpAction.Pass;
    }

    private readonly struct Range32
    {
        public readonly uint Low;
        public readonly uint High;

        public Range32(uint low, uint high)
        {
            Low = low;
            High = high;
        }
    }

    private static uint Weigh(uint bias, Range32 range, uint scale) => bias + (range.High - range.Low) * scale;

    /// <summary>
    /// A struct made by a constructor with parameters as a call argument (IL newobj), with another argument already
    /// on the evaluation stack below the constructor's.
    /// </summary>
    [Xdp]
    public static XdpAction ConstructorArgument(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        uint weight = Weigh(ip->Ttl, new Range32(ip->Protocol, ip->TotalLength), ip->TypeOfService + 1u);
        return (weight & 3) switch { 0 => XdpAction.Drop, 1 => XdpAction.Tx, _ => XdpAction.Pass };
    }

    /// <summary>Copies of structs are independent: modifying a copy leaves the original.</summary>
    [Xdp]
    public static XdpAction StructCopies(XdpContext ctx)
    {
        if (!TryReadFlow(ctx, out FlowKey key))
            return XdpAction.Pass;
        FlowKey copy = key;
        copy.Reverse();
        copy.SourcePort++;
        if (!ctx.TryGet(34, out UdpHeader* udp))
            return XdpAction.Aborted;
        udp->SourcePort = copy.SourcePort;
        udp->DestinationPort = key.SourcePort;
        return key.Source == copy.Destination ? XdpAction.Tx : XdpAction.Aborted;
    }
}

using EbpfSharp;
using EbpfSharp.Net;

namespace EbpfSharp.Compiler.Tests.Programs;

/// <summary>Size of a struct local zeroed at entry and filled only where it is used.</summary>
public struct Counts
{
    public ulong Packets;
    public ulong Bytes;
}

// Programs for loads of known bytes (Optimize/LoadForwarding.cs), complemented masks and dead stack stores.
public static unsafe class MemoryShapes
{
    static readonly HashMap<uint, Counts> Totals = new(maxEntries: 64);

    /// <summary>ip->Ttl read, decremented and read again; the checksum updated (ttl_decrement's shape).</summary>
    [Xdp]
    public static XdpAction DecrementTtl(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        if (ip->Ttl <= 1)
            return XdpAction.Drop;
        ushort before = (ushort)(ip->Ttl << 8 | ip->Protocol);
        ip->Ttl--;
        ushort after = (ushort)(ip->Ttl << 8 | ip->Protocol);
        ip->Checksum = Checksum.Replace16(ip->Checksum, before, after);
        return XdpAction.Pass;
    }

    /// <summary>A load after a call that may move the packet is not the load before it.</summary>
    [Xdp]
    public static XdpAction LoadAroundCall(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        uint source = ip->SourceAddress;
        Counts* counts = Totals.Lookup(source);
        if (counts == null)
            return XdpAction.Pass;
        counts->Packets = ip->Ttl;
        counts->Bytes = ip->Ttl;
        return XdpAction.Drop;
    }

    /// <summary>A struct local C# zeroes at entry, filled on the only path that reads it (source_counter's shape).</summary>
    [Xdp]
    public static XdpAction InsertCounts(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        uint source = ip->SourceAddress;
        if (Totals.Lookup(source) != null)
            return XdpAction.Pass;
        Totals.Update(source, new Counts { Packets = 1, Bytes = (ulong)ctx.Length }, MapUpdateFlags.NoExist);
        return XdpAction.Drop;
    }
    /// <summary>ip->Protocol checked, a map lookup, then branched on again (load_balancer's shape): read again after the call.</summary>
    [Xdp]
    public static XdpAction BranchAgainAfterCall(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        byte protocol = ip->Protocol;
        if (protocol != IPProtocol.Tcp && protocol != IPProtocol.Udp)
            return XdpAction.Pass;
        Counts* counts = Totals.Lookup(ip->SourceAddress);
        if (counts == null)
            return XdpAction.Pass;
        ip->Ttl = (byte)counts->Packets;
        return protocol == IPProtocol.Tcp ? XdpAction.Tx : XdpAction.Drop;
    }

    /// <summary>As <see cref="BranchAgainAfterCall"/>, but ip->Protocol is overwritten before the call: the value read first is kept.</summary>
    [Xdp]
    public static XdpAction BranchAgainAfterStoreAndCall(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        byte protocol = ip->Protocol;
        if (protocol != IPProtocol.Tcp && protocol != IPProtocol.Udp)
            return XdpAction.Pass;
        ip->Protocol = 0;
        Counts* counts = Totals.Lookup(ip->SourceAddress);
        if (counts == null)
            return XdpAction.Pass;
        ip->Ttl = (byte)counts->Packets;
        return protocol == IPProtocol.Tcp ? XdpAction.Tx : XdpAction.Drop;
    }
}
